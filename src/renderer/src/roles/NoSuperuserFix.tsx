import type { ChangeInput } from '../../../shared/changes/schema';
import { useStagedChanges } from '../changes/StagedChanges';

/** The staged change that takes SUPERUSER away from a role. */
export const noSuperuser = (name: string): ChangeInput => ({ kind: 'alterRole', name, superuser: false });

/** Stages `ALTER ROLE … NOSUPERUSER` for a risky superuser; says "Fix staged" once it is. */
export function NoSuperuserFix({ name, small = false }: { name: string; small?: boolean }) {
  const staged = useStagedChanges();
  const change = noSuperuser(name);
  const done = staged.items.some((i) => JSON.stringify(i.change) === JSON.stringify(change));
  return (
    <button
      type="button"
      className={small ? 'button button-small' : 'button'}
      aria-label={
        // why: the roles list's button is named for what it does there, apart from the warning's "Stage this fix".
        small
          ? done
            ? `Staged: superuser taken away from ${name}`
            : `Take superuser away from ${name}`
          : done
            ? `Fix staged: superuser taken away from ${name}`
            : `Stage this fix: take superuser away from ${name}`
      }
      disabled={done}
      onClick={() => staged.add([change])}
    >
      {done ? 'Fix staged' : small ? 'Take superuser away' : 'Stage this fix'}
    </button>
  );
}
