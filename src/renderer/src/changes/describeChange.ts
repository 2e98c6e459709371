import type { ChangeInput } from '../../../shared/changes/schema';

function grantee(g: { kind: 'public' } | { kind: 'role'; name: string }): string {
  return g.kind === 'public' ? 'PUBLIC (everyone)' : g.name;
}

function privs(p: 'ALL' | readonly string[]): string {
  return typeof p === 'string' ? p : p.join(', ');
}

/** A change in plain words, for the staged list and the results. */
export function describeChange(change: ChangeInput): string {
  switch (change.kind) {
    case 'createRole': {
      const what = change.login ? 'user' : 'group';
      const extras = [
        change.superuser ? 'superuser' : null,
        change.createDb ? 'may create databases' : null,
        change.createRole ? 'may create roles' : null,
        change.login && change.password.kind === 'none' ? 'no password' : null,
        change.memberOf !== undefined && change.memberOf.length > 0 ? `member of ${change.memberOf.join(', ')}` : null,
      ].filter((s) => s !== null);
      return `Create ${what} ${change.name}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
    }
    case 'alterRole':
      return `Change role ${change.name}`;
    case 'dropRole':
      return `Drop role ${change.name}`;
    case 'addMember':
      return `Add ${change.member} to group ${change.group}`;
    case 'removeMember':
      return `Remove ${change.member} from group ${change.group}`;
    case 'grantTable':
      return `Grant ${privs(change.privileges)} on ${change.schema}.${change.table} to ${grantee(change.grantee)}`;
    case 'revokeTable':
      return `Revoke ${privs(change.privileges)} on ${change.schema}.${change.table} from ${grantee(change.grantee)}`;
    case 'createDatabase':
      return `Create database ${change.name}${change.owner !== undefined ? ` owned by ${change.owner}` : ''}${
        change.revokePublicConnect !== false ? ', closed to PUBLIC' : ''
      }`;
    case 'createSchema':
      return `Create schema ${change.name} in ${change.database}`;
    default:
      return `${change.kind} change`;
  }
}
