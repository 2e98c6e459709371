import type { Role } from '../../../shared/api/contract';
import type { EntryPlace } from './RoleList';
import { ScopedRoleFindingMark, type FindingScopeValue } from '../findings/FindingMarkBadge';
import { NoSuperuserFix } from './NoSuperuserFix';
import type { SuperuserStanding } from './superuserRisks';

/** Attributes worth a glance, in PostgreSQL's own words. */
function attributes(role: Role): string[] {
  const out: string[] = [];
  if (role.createRole) out.push('CREATEROLE');
  if (role.createDb) out.push('CREATEDB');
  if (role.replication) out.push('REPLICATION');
  if (role.bypassRls) out.push('BYPASSRLS');
  if (!role.inherit) out.push('NOINHERIT');
  if (role.connectionLimit >= 0) out.push(`CONNECTION LIMIT ${role.connectionLimit}`);
  if (role.validUntil !== null) out.push(`VALID UNTIL ${role.validUntil}`);
  return out;
}

const standingWords: Record<SuperuserStanding['kind'], string | null> = {
  none: null,
  unsorted: 'superuser',
  bootstrap: 'superuser made by initdb (expected)',
  risk: 'superuser: a risk, its grants restrict nothing',
};

/**
 * One role: its name, kind, the groups it belongs to, and what being superuser means for it:
 * expected for initdb's superuser, a risk (with the fix) for any other; Edit and Drop when offered.
 */
export function RoleEntry({
  role,
  standing,
  onEdit,
  onDrop,
  onView,
  viewDatabase = null,
  staged = false,
  findingScope = null,
  place,
}: {
  role: Role;
  /** Only a staged change creates it so far (it is in the projection, not on the server). */
  staged?: boolean;
  standing: SuperuserStanding;
  onEdit?: (() => void) | undefined;
  onDrop?: (() => void) | undefined;
  /** Opens the role view (in `viewDatabase`). */
  onView?: (() => void) | undefined;
  viewDatabase?: string | null;
  /** Where the findings that mark this role come from. */
  findingScope?: FindingScopeValue | null;
  /** Set in a virtualized list (RoleList). */
  place?: EntryPlace | undefined;
}) {
  const memberOf = role.memberOf.length > 0 ? `member of ${role.memberOf.join(', ')}` : 'member of no group';
  const spoken = [role.name, role.kind, staged ? 'staged' : null, standingWords[standing.kind], memberOf].filter((s) => s !== null).join(', ');
  const attrs = attributes(role);
  return (
    <li
      ref={place?.measureRef}
      data-index={place?.index}
      aria-posinset={place?.posInSet}
      aria-setsize={place?.setSize}
      className={`role${standing.kind === 'risk' ? ' is-superuser' : ''}`}
      aria-label={spoken}
    >
      <div className="role-line">
        <span className="role-icon" aria-hidden="true">
          {role.kind === 'user' ? '●' : '◆'}
        </span>
        <span className="role-name" title={role.name}>
          {role.name}
        </span>
        {staged && <span className="staged-tag">staged</span>}
        <ScopedRoleFindingMark name={role.name} scope={findingScope} />
        {standing.kind === 'unsorted' && <span className="badge">superuser</span>}
        {standing.kind === 'bootstrap' && (
          <span className="badge" title="initdb's superuser: being superuser is its job, and it cannot lose SUPERUSER">
            superuser · initdb
          </span>
        )}
        {standing.kind === 'risk' && (
          <span className="badge badge-danger" title="Superuser: bypasses every privilege check; grants are meaningless">
            ⚠ superuser
          </span>
        )}
      </div>
      {standing.kind === 'risk' && !standing.connected && (
        <div className="role-fix">
          <NoSuperuserFix name={role.name} small />
        </div>
      )}
      <div className="role-meta">
        <span>
          {memberOf}
          {attrs.length > 0 && <span className="role-attrs"> · {attrs.join(' · ')}</span>}
        </span>
        {(onEdit !== undefined || onDrop !== undefined || onView !== undefined) && (
          <span className="role-actions">
            {onView !== undefined && (
              <button
                type="button"
                className="button button-ghost button-small"
                aria-label={`Role view of ${role.name}`}
                title={`Everything ${role.name} can do in ${viewDatabase ?? 'the database'}, and its memberships`}
                onClick={onView}
              >
                View
              </button>
            )}
            {onEdit !== undefined && (
              <button type="button" className="button button-ghost button-small" aria-label={`Edit role ${role.name}`} onClick={onEdit}>
                Edit
              </button>
            )}
            {onDrop !== undefined && (
              <button type="button" className="button button-ghost button-small" aria-label={`Drop role ${role.name}`} onClick={onDrop}>
                Drop…
              </button>
            )}
          </span>
        )}
      </div>
    </li>
  );
}
