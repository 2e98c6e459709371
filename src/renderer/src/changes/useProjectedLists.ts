import { useMemo } from 'react';
import type { Database } from '../../../shared/api/contract';
import type { ChangeInput } from '../../../shared/changes/schema';
import { projectSchemaList, projectServerLists, type ListedRole, type ListedSchema, type ServerLists } from '../../../shared/projection/lists';
import type { ProjectedDatabase } from '../../../shared/projection/project';
import { useQuery } from '../api/useQuery';
import { useStagedChanges } from './StagedChanges';

/** A database as the pickers list it: the server's, or one only a staged change creates. */
export interface ListedDatabase extends Database {
  staged: boolean;
}

/** The server's roles and databases as the light queries give them (undefined while loading). */
function useServerLists(connectionId: string | null): ServerLists | undefined {
  const ref = connectionId === null ? null : { connectionId };
  const roles = useQuery('roles.list', ref);
  const databases = useQuery('tree.databases', ref);
  const info = useQuery('server.info', ref);
  return useMemo(() => {
    if (roles.data === undefined || databases.data === undefined || info.data === undefined) return undefined;
    return {
      serverMajor: info.data.major,
      roles: roles.data.roles,
      databases: databases.data.databases,
      currentUser: info.data.currentUser,
      bootstrapSuperuser: info.data.bootstrapSuperuser,
    };
  }, [roles.data, databases.data, info.data]);
}

function useChanges(): readonly ChangeInput[] {
  const { items } = useStagedChanges();
  return useMemo(() => items.map((i) => i.change), [items]);
}

/**
 * The roles and databases every form offers: the server's after the staged changes (the
 * projection in src/shared/projection), so a user or group staged a moment ago can be picked.
 */
export function useProjectedLists(connectionId: string | null): { roles: ListedRole[] | undefined; databases: ListedDatabase[] | undefined } {
  const lists = useServerLists(connectionId);
  const changes = useChanges();
  const server = useQuery('tree.databases', connectionId === null ? null : { connectionId }).data?.databases;
  return useMemo(() => {
    if (lists === undefined) return { roles: undefined, databases: undefined };
    const projected = projectServerLists(lists, changes);
    const byName = new Map((server ?? []).map((d) => [d.name, d]));
    const databases = projected.databases.map((d: ProjectedDatabase): ListedDatabase => ({
      ...(byName.get(d.name) ?? { isTemplate: false, allowConnections: true }),
      name: d.name,
      owner: d.owner,
      staged: d.staged,
    }));
    return { roles: projected.roles, databases };
  }, [lists, changes, server]);
}

/**
 * The schemas of one database after the staged changes; a database that only a staged change
 * creates has `public` and the schemas staged in it. Undefined while loading or with no database.
 */
export function useProjectedSchemas(connectionId: string, database: string, stagedDatabase: boolean): ListedSchema[] | undefined {
  const lists = useServerLists(connectionId);
  const changes = useChanges();
  const schemas = useQuery('tree.schemas', database !== '' && !stagedDatabase ? { connectionId, database } : null);
  return useMemo(() => {
    if (lists === undefined || database === '') return undefined;
    if (!stagedDatabase && schemas.data === undefined) return undefined;
    return projectSchemaList(lists, database, stagedDatabase ? null : (schemas.data?.schemas ?? []), changes);
  }, [lists, changes, database, stagedDatabase, schemas.data]);
}
