import { useId } from 'react';
import { quoteIdent } from '../../../shared/sql/quote';
import type { ChangeInput } from '../../../shared/changes/schema';
import { useStagedChanges } from '../changes/StagedChanges';
import { CopyButton } from './CopyButton';
import type { SuperuserTrap } from './matrixProtocol';

function what(trap: SuperuserTrap): string {
  const parts: string[] = [];
  if (trap.grants > 0) parts.push(trap.grants === 1 ? 'a grant' : `${trap.grants} grants`);
  if (trap.groups.length > 0) parts.push(`membership in ${trap.groups.join(', ')}`);
  return parts.join(' and ');
}

/** One superuser with grants: why that is a trap, and the SQL that fixes it. */
function TrapNote({ trap }: { trap: SuperuserTrap }) {
  const sql = `ALTER ROLE ${quoteIdent(trap.name)} NOSUPERUSER;`;
  const staged = useStagedChanges();
  const change: ChangeInput = { kind: 'alterRole', name: trap.name, superuser: false };
  const done = staged.items.some((i) => JSON.stringify(i.change) === JSON.stringify(change));
  return (
    <li className="trap">
      <p>
        <strong>{trap.name}</strong> is a superuser, so its grants are meaningless: superusers bypass every privilege
        check. It holds {what(trap)}, which look like limits but restrict nothing. If it should only have what it was
        granted, take superuser away:
      </p>
      <div className="trap-fix">
        <code className="sql">{sql}</code>
        <CopyButton text={sql} label={`Copy the SQL that removes superuser from ${trap.name}`} />
        <button
          type="button"
          className="button"
          aria-label={done ? `Fix staged: superuser taken away from ${trap.name}` : `Stage this fix: take superuser away from ${trap.name}`}
          disabled={done}
          onClick={() => staged.add([change])}
        >
          {done ? 'Fix staged' : 'Stage this fix'}
        </button>
      </div>
    </li>
  );
}

/** The warning above the matrix for superusers that hold grants (the lesson's data_viewer trap). */
export function SuperuserBanner({ traps }: { traps: readonly SuperuserTrap[] }) {
  const headingId = useId();
  if (traps.length === 0) return null;
  return (
    <section className="superuser-banner" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span aria-hidden="true">⚠ </span>
        {traps.length === 1 ? 'A superuser has grants' : `${traps.length} superusers have grants`}
      </h3>
      <ul className="trap-list">
        {traps.map((t) => (
          <TrapNote key={t.oid} trap={t} />
        ))}
      </ul>
    </section>
  );
}
