import type { ChangeInput } from './schema';
import type { PrivilegeList } from './privileges';

type Grantee = { kind: 'public' } | { kind: 'role'; name: string };

const who = (g: Grantee): string => (g.kind === 'public' ? 'PUBLIC (everyone)' : g.name);
const privs = (p: PrivilegeList): string => (typeof p === 'string' ? p : p.join(', '));
const cols = (columns: readonly string[] | undefined): string => (columns === undefined ? '' : ` (${columns.join(', ')})`);
const flag = (on: boolean | undefined, yes: string, no: string): string | null => (on === undefined ? null : on ? yes : no);

function roleAttributes(change: Extract<ChangeInput, { kind: 'alterRole' }>): string[] {
  return [
    flag(change.superuser, 'make superuser', 'take SUPERUSER away'),
    flag(change.login, 'allow login', 'forbid login'),
    flag(change.createDb, 'allow creating databases', 'forbid creating databases'),
    flag(change.createRole, 'allow creating roles', 'forbid creating roles'),
    flag(change.inherit, 'inherit group privileges', 'stop inheriting group privileges'),
    flag(change.bypassRls, 'bypass row-level security', 'obey row-level security'),
    change.password === undefined ? null : change.password.kind === 'none' ? 'remove the password' : 'set a new password',
    change.connectionLimit === undefined ? null : `connection limit ${change.connectionLimit}`,
    change.validUntil === undefined ? null : change.validUntil === null ? 'valid forever' : `valid until ${change.validUntil}`,
    change.rename === undefined ? null : `rename to ${change.rename}`,
  ].filter((s) => s !== null);
}

/** A change in plain words, for the staged list and the apply results. */
export function describeChange(change: ChangeInput): string {
  switch (change.kind) {
    case 'createRole': {
      const extras = [
        change.superuser ? 'superuser' : null,
        change.createDb ? 'may create databases' : null,
        change.createRole ? 'may create roles' : null,
        change.login && change.password.kind === 'none' ? 'no password' : null,
        change.memberOf !== undefined && change.memberOf.length > 0 ? `member of ${change.memberOf.join(', ')}` : null,
      ].filter((s) => s !== null);
      return `Create ${change.login ? 'user' : 'group'} ${change.name}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
    }
    case 'alterRole': {
      const what = roleAttributes(change);
      return `Change role ${change.name}${what.length > 0 ? `: ${what.join(', ')}` : ''}`;
    }
    case 'dropRole':
      return `Drop role ${change.name}`;
    case 'reassignOwned':
      return `Give everything ${change.roles.join(', ')} own${change.roles.length === 1 ? 's' : ''} in ${change.database} to ${change.newOwner}`;
    case 'dropOwned':
      return `Drop what ${change.roles.join(', ')} own${change.roles.length === 1 ? 's' : ''} in ${change.database} and revoke ${change.roles.length === 1 ? 'its' : 'their'} privileges there${change.cascade === true ? ' (cascade)' : ''}`;
    case 'addMember':
      return `Add ${change.member} to group ${change.group}`;
    case 'removeMember':
      return change.optionOnly === undefined
        ? `Remove ${change.member} from group ${change.group}`
        : `Take the ${change.optionOnly.toUpperCase()} option of ${change.member} in ${change.group} away`;
    case 'grantTable':
      return `Grant ${privs(change.privileges)}${cols(change.columns)} on ${change.schema}.${change.table} to ${who(change.grantee)}${change.withGrantOption === true ? ' with grant option' : ''}`;
    case 'revokeTable':
      return `Revoke ${change.grantOptionFor === true ? 'the grant option for ' : ''}${privs(change.privileges)}${cols(change.columns)} on ${change.schema}.${change.table} from ${who(change.grantee)}`;
    case 'grantAllTablesInSchema':
      return `Grant ${privs(change.privileges)} on all ${change.objectKind ?? 'tables'} in ${change.schema} to ${who(change.grantee)}`;
    case 'revokeAllTablesInSchema':
      return `Revoke ${privs(change.privileges)} on all ${change.objectKind ?? 'tables'} in ${change.schema} from ${who(change.grantee)}`;
    case 'grantSchema':
      return `Grant ${privs(change.privileges)} on schema ${change.schema} to ${who(change.grantee)}`;
    case 'revokeSchema':
      return `Revoke ${privs(change.privileges)} on schema ${change.schema} from ${who(change.grantee)}`;
    case 'grantDatabase':
      return `Grant ${privs(change.privileges)} on database ${change.database} to ${who(change.grantee)}`;
    case 'revokeDatabase':
      return `Revoke ${privs(change.privileges)} on database ${change.database} from ${who(change.grantee)}`;
    case 'alterDefaultPrivileges': {
      const where = change.inSchema ?? 'any schema';
      return change.action === 'grant'
        ? `Grant ${privs(change.privileges)} on future ${change.objtype} of ${change.forRole} in ${where} to ${who(change.grantee)}`
        : `Stop granting ${privs(change.privileges)} on future ${change.objtype} of ${change.forRole} in ${where} to ${who(change.grantee)}`;
    }
    case 'createDatabase':
      return `Create database ${change.name}${change.owner !== undefined ? ` owned by ${change.owner}` : ''}${change.revokePublicConnect !== false ? ', closed to PUBLIC' : ''}`;
    case 'createSchema':
      return `Create schema ${change.name} in ${change.database}${change.owner !== undefined ? ` owned by ${change.owner}` : ''}`;
  }
}
