import { z } from 'zod';
import type { Change, ChangeOf } from './schema';
import { membershipOptionsSinceMajor, type IndexedProblem, type Problem } from './validate';

/**
 * What the connected role may do, as the server says (server.authority), and the rules that
 * turn it into plain-words refusals before Apply. The rules follow PostgreSQL's own checks
 * in CREATE/ALTER/DROP ROLE, GRANT/REVOKE role, CREATE DATABASE/SCHEMA and GRANT on objects,
 * before 16 and from 16 on: docs/privileges.md §6.
 */

/** What the connected role may do with one role. */
export const roleRightsSchema = z.object({
  name: z.string(),
  superuser: z.boolean(),
  replication: z.boolean(),
  /** ADMIN OPTION on it, directly or through any chain of memberships (pg_has_role … 'MEMBER WITH ADMIN OPTION'). */
  admin: z.boolean(),
  /** May act as it: SET ROLE to it (16+), or be a member of it (before 16). */
  set: z.boolean(),
  /** Has its privileges (pg_has_role … 'USAGE'). */
  usage: z.boolean(),
});
/** What the connected role may do with one role. */
export type RoleRights = z.infer<typeof roleRightsSchema>;

/** What the connected role may do on the server. */
export const authoritySchema = z.object({
  major: z.number().int(),
  currentUser: z.string(),
  superuser: z.boolean(),
  createRole: z.boolean(),
  createDb: z.boolean(),
  replication: z.boolean(),
  bypassRls: z.boolean(),
  roles: z.array(roleRightsSchema),
  /** Databases where it may create schemas (CREATE on the database). */
  createSchemaIn: z.array(z.string()),
});
/** What the connected role may do on the server. */
export type Authority = z.infer<typeof authoritySchema>;

/**
 * For a GRANT or REVOKE on objects, read from the server: each object the change acts on with
 * the privileges it names and those the connected role holds WITH GRANT OPTION there (the
 * owner, and whoever has the owner's privileges, always holds them all). Objects where all
 * are held may be left out.
 */
export interface GrantRights {
  /** The change says ALL: the server then grants what it can, and does nothing only when that is none. */
  all: boolean;
  objects: { object: string; requested: string[]; grantable: string[] }[];
}

/** The objects and privileges the connected role cannot grant or revoke for a change. */
export function missingGrantOptions(rights: GrantRights): { object: string; privileges: string[] }[] {
  const out: { object: string; privileges: string[] }[] = [];
  for (const o of rights.objects) {
    const held = new Set(o.grantable);
    // why: with ALL, GRANT and REVOKE act on the privileges the grantor holds with grant option,
    // silently; only when it holds none does PostgreSQL fail (no privilege at all) or warn.
    if (rights.all && o.grantable.length > 0) continue;
    const missing = o.requested.filter((p) => !held.has(p));
    if (missing.length > 0) out.push({ object: o.object, privileges: rights.all ? ['ALL'] : missing });
  }
  return out;
}

/** Plain words for the connected role, as the messages name it. */
const who = (a: Authority) => `"${a.currentUser}"`;

/** The rights on a role; a role created earlier in the same list counts as created by the connected role. */
function rightsOn(name: string, a: Authority, created: ReadonlyMap<string, RoleRights>): RoleRights | undefined {
  return created.get(name) ?? a.roles.find((r) => r.name === name);
}

/** Problems for GRANT or REVOKE of membership in `group`. */
function membershipProblem(group: string, field: string, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  const g = rightsOn(group, a, created);
  if (g === undefined) return [];
  if (g.superuser) return [{ field, message: `Only a superuser can grant or revoke membership in "${group}", which is a superuser.` }];
  if (a.major >= membershipOptionsSinceMajor && !g.admin) {
    return [{ field, message: `Granting or revoking membership in "${group}" needs ADMIN OPTION on it, which ${who(a)} does not have.` }];
  }
  if (a.major < membershipOptionsSinceMajor && !a.createRole && !g.admin) {
    return [{ field, message: `Granting or revoking membership in "${group}" needs CREATEROLE or ADMIN OPTION on it; ${who(a)} has neither.` }];
  }
  return [];
}

function createRoleProblems(change: ChangeOf<'createRole'>, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  if (!a.createRole) return [{ field: 'name', message: `Creating roles needs CREATEROLE, which ${who(a)} does not have.` }];
  const out: Problem[] = [];
  if (change.superuser) out.push({ field: 'superuser', message: 'Only a superuser can create a SUPERUSER role.' });
  if (change.createDb && !a.createDb && a.major >= 16) {
    out.push({ field: 'createDb', message: `From PostgreSQL 16 on, only a role that has CREATEDB can give it; ${who(a)} does not have it.` });
  }
  change.memberOf.forEach((g, i) => out.push(...membershipProblem(g, `memberOf.${i}`, a, created)));
  return out;
}

/** Whether an ALTER ROLE only sets the role's own password (which any role may do). */
function ownPasswordOnly(change: ChangeOf<'alterRole'>, a: Authority): boolean {
  const { login, superuser, createDb, createRole, inherit, connectionLimit, validUntil, rename } = change;
  const others = [login, superuser, createDb, createRole, inherit, connectionLimit, validUntil, rename];
  return change.name === a.currentUser && others.every((v) => v === undefined);
}

function alterRoleProblems(change: ChangeOf<'alterRole'>, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  const target = rightsOn(change.name, a, created);
  if (target === undefined) return [];
  if (target.superuser) return [{ field: 'name', message: `Only a superuser can alter "${change.name}", which is a superuser.` }];
  if (change.superuser !== undefined) return [{ field: 'superuser', message: 'Only a superuser can change SUPERUSER.' }];
  if (ownPasswordOnly(change, a)) return [];
  if (a.major < 16) {
    if (target.replication) return [{ field: 'name', message: `Before PostgreSQL 16, only a superuser can alter "${change.name}", which has REPLICATION.` }];
    if (!a.createRole) return [{ field: 'name', message: `Altering another role needs CREATEROLE, which ${who(a)} does not have.` }];
    return [];
  }
  if (!a.createRole || !target.admin) {
    return [{ field: 'name', message: `Altering "${change.name}" needs CREATEROLE and ADMIN OPTION on it; ${who(a)} lacks ${a.createRole ? 'ADMIN OPTION on it' : 'CREATEROLE'}.` }];
  }
  if (change.createDb !== undefined && !a.createDb) {
    return [{ field: 'createDb', message: `From PostgreSQL 16 on, only a role that has CREATEDB can change it; ${who(a)} does not have it.` }];
  }
  return [];
}

function dropRoleProblems(change: ChangeOf<'dropRole'>, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  const target = rightsOn(change.name, a, created);
  if (target === undefined) return [];
  if (target.superuser) return [{ field: 'name', message: `Only a superuser can drop "${change.name}", which is a superuser.` }];
  if (!a.createRole) return [{ field: 'name', message: `Dropping roles needs CREATEROLE, which ${who(a)} does not have.` }];
  if (a.major >= 16 && !target.admin) {
    return [{ field: 'name', message: `Dropping "${change.name}" needs ADMIN OPTION on it, which ${who(a)} does not have.` }];
  }
  return [];
}

/** Problems when the connected role must be able to act as `role` (owner of a new database or schema, FOR ROLE). */
function actAsProblem(role: string, field: string, what: string, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  if (role === a.currentUser) return [];
  const r = rightsOn(role, a, created);
  if (r === undefined || r.set) return [];
  const right = a.major >= 16 ? `be able to SET ROLE "${role}"` : `be a member of "${role}"`;
  return [{ field, message: `${what} ${who(a)} must ${right}, and it is not.` }];
}

function ownedByProblems(change: ChangeOf<'reassignOwned'> | ChangeOf<'dropOwned'>, a: Authority, created: ReadonlyMap<string, RoleRights>): Problem[] {
  const verb = change.kind === 'reassignOwned' ? 'reassign' : 'drop';
  const out: Problem[] = [];
  change.roles.forEach((role, i) => {
    const r = rightsOn(role, a, created);
    if (r !== undefined && !r.usage) out.push({ field: `roles.${i}`, message: `To ${verb} what "${role}" owns, ${who(a)} needs its privileges (to be a member that inherits them), and does not have them.` });
  });
  if (change.kind === 'reassignOwned') {
    const r = rightsOn(change.newOwner, a, created);
    if (r !== undefined && !r.usage) out.push({ field: 'newOwner', message: `To give objects to "${change.newOwner}", ${who(a)} needs its privileges, and does not have them.` });
  }
  return out;
}

function grantProblems(change: Change, grants: GrantRights | undefined, a: Authority): Problem[] {
  if (grants === undefined) return [];
  const missing = missingGrantOptions(grants);
  if (missing.length === 0) return [];
  const verb = change.kind.startsWith('grant') ? 'grant' : 'revoke';
  const shown = missing.slice(0, 3).map((m) => `${m.privileges.join(', ')} on ${m.object}`);
  const more = missing.length > 3 ? ` and on ${missing.length - 3} more objects` : '';
  const one = missing.length === 1;
  return [
    {
      field: 'privileges',
      message: `${who(a)} cannot ${verb} ${shown.join('; ')}${more}: it does not own ${one ? 'it' : 'them'} and does not hold ${grants.all ? 'any privilege there' : 'that'} WITH GRANT OPTION, so PostgreSQL would refuse or do nothing.`,
    },
  ];
}

/** Why the connected role may not make one change; empty when it may (or when it is a superuser). */
export function authorityProblems(change: Change, a: Authority, grants?: GrantRights, created: ReadonlyMap<string, RoleRights> = new Map()): Problem[] {
  if (a.superuser) return [];
  switch (change.kind) {
    case 'createRole':
      return createRoleProblems(change, a, created);
    case 'alterRole':
      return alterRoleProblems(change, a, created);
    case 'dropRole':
      return dropRoleProblems(change, a, created);
    case 'addMember':
    case 'removeMember':
      return membershipProblem(change.group, 'group', a, created);
    case 'reassignOwned':
    case 'dropOwned':
      return ownedByProblems(change, a, created);
    case 'createDatabase': {
      if (!a.createDb) return [{ field: 'name', message: `Creating a database needs CREATEDB, which ${who(a)} does not have.` }];
      return change.owner === undefined ? [] : actAsProblem(change.owner, 'owner', `To make "${change.owner}" the owner,`, a, created);
    }
    case 'createSchema': {
      const out: Problem[] = [];
      if (!a.createSchemaIn.includes(change.database)) {
        out.push({ field: 'database', message: `Creating a schema in "${change.database}" needs CREATE on that database, which ${who(a)} does not have.` });
      }
      if (change.owner !== undefined) out.push(...actAsProblem(change.owner, 'owner', `To make "${change.owner}" the owner,`, a, created));
      return out;
    }
    case 'alterDefaultPrivileges':
      return actAsProblem(change.forRole, 'forRole', `To set default privileges for objects "${change.forRole}" creates,`, a, created);
    case 'grantTable':
    case 'revokeTable':
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema':
    case 'grantSchema':
    case 'revokeSchema':
    case 'grantDatabase':
    case 'revokeDatabase':
      return grantProblems(change, grants, a);
  }
}

/**
 * Checks changes in order: a role created by an earlier change is one the connected role
 * may then manage (from 16 on, CREATE ROLE gives its creator ADMIN OPTION on it).
 */
export function authorityProblemsAll(changes: readonly Change[], a: Authority, grants: readonly (GrantRights | undefined)[] = []): IndexedProblem[] {
  const created = new Map<string, RoleRights>();
  const out: IndexedProblem[] = [];
  changes.forEach((change, index) => {
    for (const p of authorityProblems(change, a, grants[index], created)) out.push({ index, ...p });
    if (change.kind === 'createRole') {
      created.set(change.name, { name: change.name, superuser: change.superuser, replication: false, admin: true, set: false, usage: false });
    }
  });
  return out;
}

/** The reason a probe change is refused, or null: the UI asks the same rules as staging. */
function refusal(change: Change, a: Authority | undefined): string | null {
  if (a === undefined) return null;
  return authorityProblems(change, a)[0]?.message ?? null;
}
const probeRole = (name: string, extra: Partial<ChangeOf<'createRole'>> = {}): Change => ({
  kind: 'createRole', name, login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false,
  inherit: true, connectionLimit: -1, validUntil: null, memberOf: [], ...extra,
});

/**
 * What the UI may offer the connected role, each as null (allowed) or the plain-words reason
 * it is not; an unknown authority (still loading) allows everything, and staging checks again.
 */
export const offers = {
  /** New user / New group, and each attribute of the new role. */
  createRole: (a?: Authority, attrs: { superuser?: boolean; createDb?: boolean } = {}) => refusal(probeRole('\u0000', attrs), a),
  /** A group to put a role in (GRANT group TO role) or take it out of. */
  membershipIn: (group: string, a?: Authority) => refusal({ kind: 'addMember', group, member: '\u0000' }, a),
  /** Editing a role's attributes. */
  alterRole: (name: string, a?: Authority) => refusal({ kind: 'alterRole', name, connectionLimit: -1 }, a),
  /** Changing SUPERUSER or CREATEDB of a role. */
  alterAttribute: (name: string, attribute: 'superuser' | 'createDb', a?: Authority) =>
    refusal(attribute === 'superuser' ? { kind: 'alterRole', name, superuser: true } : { kind: 'alterRole', name, createDb: true }, a),
  /** Dropping a role. */
  dropRole: (name: string, a?: Authority) => refusal({ kind: 'dropRole', name }, a),
  /** New database. */
  createDatabase: (a?: Authority) => refusal({ kind: 'createDatabase', name: '\u0000', revokePublicConnect: true }, a),
  /** New schema in a database. */
  createSchemaIn: (database: string, a?: Authority) => refusal({ kind: 'createSchema', database, name: '\u0000' }, a),
};
