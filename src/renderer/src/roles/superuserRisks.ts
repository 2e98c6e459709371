import type { Role } from '../../../shared/api/contract';

/** What the roles list and the server's warning say about one superuser. */
export type SuperuserStanding =
  | { kind: 'none' }
  /** A superuser, before server.info has named the bootstrap superuser. */
  | { kind: 'unsorted' }
  /** initdb's superuser (OID 10): being superuser is its job, and it cannot lose SUPERUSER. */
  | { kind: 'bootstrap' }
  /** Any other superuser: it bypasses every check, so its grants and memberships restrict nothing. */
  | { kind: 'risk'; connected: boolean };

/** Tells the bootstrap superuser (expected) from other superusers (a risk) and ordinary roles. */
export function superuserStanding(role: Pick<Role, 'name' | 'superuser'>, bootstrap: string | undefined, currentUser: string | undefined): SuperuserStanding {
  if (!role.superuser) return { kind: 'none' };
  if (bootstrap === undefined) return { kind: 'unsorted' };
  if (role.name === bootstrap) return { kind: 'bootstrap' };
  return { kind: 'risk', connected: currentUser !== undefined && role.name === currentUser };
}

/** The superusers other than the bootstrap one, by name: the server's warning lists them. */
export function riskySuperusers(roles: readonly Role[], bootstrap: string | undefined): Role[] {
  // why: until server.info names the bootstrap superuser, no superuser is called a risk by mistake.
  if (bootstrap === undefined) return [];
  return roles.filter((r) => r.superuser && r.name !== bootstrap).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Why one superuser is a risk, in plain words. */
export function riskWords(role: Pick<Role, 'name' | 'memberOf'>, bootstrap: string): string {
  const groups = role.memberOf.length === 0 ? '' : `, and its membership in ${role.memberOf.join(', ')} restricts nothing`;
  return `${role.name} is a superuser, so its grants are meaningless: superusers bypass every privilege check${groups}. Only ${bootstrap}, made by initdb, needs to be one.`;
}
