import type { Role } from '../../../shared/api/contract';
import { RoleFindingMark, type FindingScopeValue } from '../findings/FindingMarkBadge';

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

/** One role: its name, kind, superuser warning and the groups it belongs to; Edit and Drop when offered. */
export function RoleEntry({
  role,
  onEdit,
  onDrop,
  findingScope = null,
}: {
  role: Role;
  onEdit?: (() => void) | undefined;
  onDrop?: (() => void) | undefined;
  /** Where the findings that mark this role come from. */
  findingScope?: FindingScopeValue | null;
}) {
  const memberOf = role.memberOf.length > 0 ? `member of ${role.memberOf.join(', ')}` : 'member of no group';
  const spoken = [role.name, role.kind, role.superuser ? 'superuser' : null, memberOf].filter((s) => s !== null).join(', ');
  const attrs = attributes(role);
  return (
    <li className={`role${role.superuser ? ' is-superuser' : ''}`} aria-label={spoken}>
      <div className="role-line">
        <span className="role-icon" aria-hidden="true">
          {role.kind === 'user' ? '●' : '◆'}
        </span>
        <span className="role-name">{role.name}</span>
        <RoleFindingMark name={role.name} scope={findingScope} />
        {role.superuser && (
          <span className="badge badge-danger" title="Superuser: bypasses every privilege check; grants are meaningless">
            ⚠ superuser
          </span>
        )}
      </div>
      <div className="role-meta">
        <span>
          {memberOf}
          {attrs.length > 0 && <span className="role-attrs"> · {attrs.join(' · ')}</span>}
        </span>
        {(onEdit !== undefined || onDrop !== undefined) && (
          <span className="role-actions">
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
