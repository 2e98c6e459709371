import { useCallback, useState } from 'react';
import type { ValidationContext } from '../../../shared/changes/validate';
import { dependentChanges } from '../../../shared/projection/dependents';
import { useQuery } from '../api/useQuery';
import { useStagedChanges } from './StagedChanges';

/** Unstaging one change, with what depended on it. */
export interface Unstage {
  /** Unstages the change and every staged change that needs what it creates. */
  unstage: (id: string) => void;
  /** What else was unstaged last time, in plain words, or null. */
  note: string | null;
}

/**
 * Removes a staged change and the changes that depend on it (a grant to the user it creates,
 * a member of the group, a schema in the database), found by the validator the backend runs
 * before Apply (src/shared/projection/dependents.ts), and says which ones went with it.
 */
export function useUnstage(): Unstage {
  const staged = useStagedChanges();
  const ref = staged.connectionId === null ? null : { connectionId: staged.connectionId };
  const roles = useQuery('roles.list', ref).data?.roles;
  const databases = useQuery('tree.databases', ref).data?.databases;
  const info = useQuery('server.info', ref).data;
  const [note, setNote] = useState<string | null>(null);

  const unstage = useCallback(
    (id: string) => {
      const index = staged.items.findIndex((i) => i.id === id);
      if (index < 0) return;
      let dependents: number[] = [];
      if (roles !== undefined && databases !== undefined && info !== undefined) {
        const ctx: ValidationContext = {
          serverMajor: info.major,
          roles: new Set(roles.map((r) => r.name)),
          databases: new Set(databases.map((d) => d.name)),
          currentUser: info.currentUser,
          bootstrapSuperuser: info.bootstrapSuperuser,
        };
        dependents = dependentChanges(staged.items.map((i) => i.change), [index], ctx);
      }
      const also = dependents.flatMap((i) => staged.items[i] ?? []);
      staged.remove([id, ...also.map((i) => i.id)]);
      const what = staged.items[index]?.label ?? '';
      setNote(also.length === 0 ? null : `Also unstaged ${also.length === 1 ? 'one change' : `${also.length} changes`} that needed “${what}”: ${also.map((i) => i.label).join('; ')}.`);
    },
    [staged, roles, databases, info],
  );
  return { unstage, note };
}
