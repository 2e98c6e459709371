import type { SnapshotMembership, SnapshotRole } from '../catalog/snapshot';
import type { ChangeOf } from '../changes/schema';
import { membershipOptionsSinceMajor } from '../changes/validate';
import { parseAclArray, type AclItem } from '../privileges/aclitem';
import { aclText, changeOwnerInAcl, renameInAcl, withoutGrantees } from './aclEdit';
import type { ProjectionState } from './state';

/** The bootstrap superuser's fixed oid (initdb's first role). */
const BOOTSTRAP_OID = 10;

/** Who the server records as grantor of a membership granted by this session. */
function membershipGrantor(s: ProjectionState, currentUser: string | undefined): number {
  // why: from 16 a superuser's GRANT role TO role is recorded as granted by the bootstrap
  // superuser; before 16 the grantor is the current user. Neither changes who inherits what.
  if (s.major >= membershipOptionsSinceMajor && s.roles.some((r) => r.oid === BOOTSTRAP_OID)) return BOOTSTRAP_OID;
  return (currentUser === undefined ? undefined : s.roleByName(currentUser)?.oid) ?? BOOTSTRAP_OID;
}

function addMembership(
  s: ProjectionState,
  group: SnapshotRole,
  member: SnapshotRole,
  grantor: number,
  options: { admin?: boolean | undefined; inherit?: boolean | undefined; set?: boolean | undefined },
): void {
  const modern = s.major >= membershipOptionsSinceMajor;
  const at = s.memberships.findIndex((m) => m.roleid === group.oid && m.member === member.oid && (!modern || m.grantor === grantor));
  if (at >= 0) {
    // why: granting an existing membership again changes only the options it names.
    s.memberships = s.memberships.map((m, k) =>
      k !== at
        ? m
        : {
            ...m,
            adminOption: options.admin ?? m.adminOption,
            inheritOption: modern ? (options.inherit ?? m.inheritOption) : null,
            setOption: modern ? (options.set ?? m.setOption) : null,
          },
    );
  } else {
    const row: SnapshotMembership = {
      roleid: group.oid,
      member: member.oid,
      grantor,
      adminOption: options.admin ?? false,
      // why: from 16 a new grant's INHERIT option defaults to the member's INHERIT attribute.
      inheritOption: modern ? (options.inherit ?? member.inherit) : null,
      setOption: modern ? (options.set ?? true) : null,
    };
    s.memberships = [...s.memberships, row];
  }
  s.touched = true;
}

/** CREATE ROLE … [IN ROLE groups]. */
export function createRole(s: ProjectionState, c: ChangeOf<'createRole'>, currentUser: string | undefined): void {
  const role: SnapshotRole = {
    oid: s.newOid('role', c.name),
    name: c.name,
    superuser: c.superuser,
    inherit: c.inherit,
    canLogin: c.login,
    createRole: c.createRole,
    createDb: c.createDb,
    replication: false,
    bypassRls: false,
    connectionLimit: c.connectionLimit,
    validUntil: c.validUntil,
    hasPassword: c.password.kind === 'verifier',
  };
  s.roles = [...s.roles, role];
  s.stagedRoles.add(role.oid);
  s.touched = true;
  const grantor = membershipGrantor(s, currentUser);
  for (const name of c.memberOf) {
    const group = s.roleByName(name);
    if (group !== undefined) addMembership(s, group, role, grantor, {});
  }
}

/** ALTER ROLE: the attributes it names, then the rename (which every ACL follows). */
export function alterRole(s: ProjectionState, c: ChangeOf<'alterRole'>): void {
  const role = s.roleByName(c.name);
  if (role === undefined) return;
  const next: SnapshotRole = {
    ...role,
    superuser: c.superuser ?? role.superuser,
    inherit: c.inherit ?? role.inherit,
    canLogin: c.login ?? role.canLogin,
    createRole: c.createRole ?? role.createRole,
    createDb: c.createDb ?? role.createDb,
    connectionLimit: c.connectionLimit ?? role.connectionLimit,
    validUntil: c.validUntil === undefined ? role.validUntil : c.validUntil,
    hasPassword: c.password === undefined ? role.hasPassword : c.password.kind === 'verifier',
    name: c.rename ?? role.name,
  };
  s.roles = s.roles.map((r) => (r.oid === role.oid ? next : r));
  s.touched = true;
  if (c.rename !== undefined) {
    const to = c.rename;
    for (const db of s.databases) if (db.owner === c.name) db.owner = to;
    // why: ACLs are kept as text, which names roles; the server prints the new name at once.
    s.editEveryAcl((items) => renameInAcl(items, c.name, to));
  }
}

/** DROP ROLE: the role, its memberships both ways, and any entry still granted to it. */
export function dropRole(s: ProjectionState, c: ChangeOf<'dropRole'>): void {
  const role = s.roleByName(c.name);
  if (role === undefined) return;
  s.roles = s.roles.filter((r) => r.oid !== role.oid);
  s.memberships = s.memberships.filter((m) => m.roleid !== role.oid && m.member !== role.oid);
  s.defaultAcls = s.defaultAcls.filter((d) => d.role !== role.oid);
  s.editEveryAcl((items) => withoutGrantees(items, new Set([c.name])));
}

/** GRANT group TO member [WITH … OPTION]. */
export function addMember(s: ProjectionState, c: ChangeOf<'addMember'>, currentUser: string | undefined): void {
  const group = s.roleByName(c.group);
  const member = s.roleByName(c.member);
  if (group === undefined || member === undefined) return;
  addMembership(s, group, member, membershipGrantor(s, currentUser), { admin: c.admin, inherit: c.inherit, set: c.set });
}

/** REVOKE group FROM member, or only one of its options. */
export function removeMember(s: ProjectionState, c: ChangeOf<'removeMember'>, currentUser: string | undefined): void {
  const group = s.roleByName(c.group);
  const member = s.roleByName(c.member);
  if (group === undefined || member === undefined) return;
  const modern = s.major >= membershipOptionsSinceMajor;
  const grantor = membershipGrantor(s, currentUser);
  // why: from 16 REVOKE takes away only the grant made by this grantor; others stay.
  const mine = (m: SnapshotMembership) => m.roleid === group.oid && m.member === member.oid && (!modern || m.grantor === grantor);
  if (c.optionOnly === undefined) s.memberships = s.memberships.filter((m) => !mine(m));
  else {
    const option = { admin: 'adminOption', inherit: 'inheritOption', set: 'setOption' } as const;
    s.memberships = s.memberships.map((m) => (mine(m) ? { ...m, [option[c.optionOnly ?? 'admin']]: false } : m));
  }
  s.touched = true;
}

function ownerChange(s: ProjectionState, from: ReadonlySet<number>, to: SnapshotRole): void {
  const moved = <T extends { owner: number }>(o: T, acl: (o: T) => string | null, withAcl: (o: T, acl: string | null) => T): T => {
    if (!from.has(o.owner)) return o;
    const old = s.roleName(o.owner);
    const text = acl(o);
    const next = text === null ? null : textAfter(text, (items) => changeOwnerInAcl(items, old, to.name));
    return withAcl({ ...o, owner: to.oid }, next);
  };
  s.relations = s.relations.map((r) => moved(r, (x) => x.relacl, (x, relacl) => ({ ...x, relacl })));
  s.schemas = s.schemas.map((n) => moved(n, (x) => x.nspacl, (x, nspacl) => ({ ...x, nspacl })));
  s.database = moved(s.database, (x) => x.datacl, (x, datacl) => ({ ...x, datacl }));
  s.touched = true;
}

/** REASSIGN OWNED BY roles TO newOwner: run in one database, it also moves shared objects (databases). */
export function reassignOwned(s: ProjectionState, c: ChangeOf<'reassignOwned'>): void {
  const to = s.roleByName(c.newOwner);
  if (to === undefined) return;
  const from = new Set(c.roles.flatMap((n) => s.roleByName(n)?.oid ?? []));
  for (const db of s.databases) if (c.roles.includes(db.owner)) db.owner = c.newOwner;
  if (s.isHere(c.database)) ownerChange(s, from, to);
  else if (from.has(s.database.owner)) {
    // why: the database itself is a shared object, reassigned from whichever database runs it.
    const old = s.roleName(s.database.owner);
    const datacl = s.database.datacl === null ? null : textAfter(s.database.datacl, (items) => changeOwnerInAcl(items, old, to.name));
    s.database = { ...s.database, owner: to.oid, datacl };
    s.touched = true;
  }
}

/** DROP OWNED BY roles: drops what they own in that database, revokes what they were granted there and on databases. */
export function dropOwned(s: ProjectionState, c: ChangeOf<'dropOwned'>): void {
  const names = new Set(c.roles);
  const oids = new Set(c.roles.flatMap((n) => s.roleByName(n)?.oid ?? []));
  if (s.isHere(c.database)) {
    const droppedSchemas = new Set(s.schemas.filter((n) => oids.has(n.owner)).map((n) => n.oid));
    s.schemas = s.schemas.filter((n) => !droppedSchemas.has(n.oid));
    s.relations = s.relations.filter((r) => !oids.has(r.owner) && !droppedSchemas.has(r.schemaOid));
    const kept = new Set(s.relations.map((r) => r.oid));
    s.columns = s.columns?.filter((col) => kept.has(col.relationOid));
    s.defaultAcls = s.defaultAcls.filter((d) => !oids.has(d.role) && (d.schemaOid === null || !droppedSchemas.has(d.schemaOid)));
    s.editEveryAcl((items) => withoutGrantees(items, names));
  } else if (s.database.datacl !== null) {
    s.database = { ...s.database, datacl: textAfter(s.database.datacl, (items) => withoutGrantees(items, names)) };
    s.touched = true;
  }
}

function textAfter(text: string, edit: (items: AclItem[]) => AclItem[]): string {
  return aclText(edit(parseAclArray(text)));
}
