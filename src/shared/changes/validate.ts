import type { z } from 'zod';
import type { Grantee } from '../sql/quote';
import { privilegeProblem, type PrivilegeList, type PrivilegeObjectKind } from './privileges';
import { changeSchema, type Change, type ChangeOf } from './schema';

/** What validation needs to know about the server; sets hold names exactly as stored. */
export interface ValidationContext {
  serverMajor: number;
  roles: ReadonlySet<string>;
  databases: ReadonlySet<string>;
  /** Schema names per database, when the catalog of that database has been read. */
  schemas?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The role the changes run as (session_user), when known. */
  currentUser?: string;
  /** The bootstrap superuser (the role with OID 10, made by initdb), when known. */
  bootstrapSuperuser?: string;
}

/** One thing wrong with a change: the field it concerns (dotted path, '' for the whole) and plain words. */
export interface Problem {
  field: string;
  message: string;
}

/** A problem in a list of changes, with the index of the change it belongs to. */
export interface IndexedProblem extends Problem {
  index: number;
}

/** Per-membership INHERIT and SET options exist from this major on. */
export const membershipOptionsSinceMajor = 16;

/** Checks one change (any JSON) against the schema and the server; an empty list means it can be rendered. */
export function validateChange(input: unknown, ctx: ValidationContext): Problem[] {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return issuesToProblems(parsed.error.issues);
  return checkChange(parsed.data, ctx);
}

/**
 * Checks changes in order, as they would run: a role created by one change exists for the
 * next, a dropped one no longer does, and so on for databases and schemas.
 */
export function validateChanges(inputs: readonly unknown[], ctx: ValidationContext): IndexedProblem[] {
  const roles = new Set(ctx.roles);
  const databases = new Set(ctx.databases);
  const schemas = new Map<string, Set<string>>();
  for (const [db, names] of ctx.schemas ?? []) schemas.set(db, new Set(names));
  const state: ValidationContext = { ...ctx, roles, databases, schemas };
  const out: IndexedProblem[] = [];
  inputs.forEach((input, index) => {
    const problems = validateChange(input, state);
    for (const p of problems) out.push({ index, ...p });
    if (problems.length > 0) return;
    const change = changeSchema.parse(input);
    if (change.kind === 'createRole') roles.add(change.name);
    if (change.kind === 'dropRole') roles.delete(change.name);
    if (change.kind === 'alterRole' && change.rename !== undefined) {
      roles.delete(change.name);
      roles.add(change.rename);
      if (state.bootstrapSuperuser === change.name) state.bootstrapSuperuser = change.rename;
    }
    if (change.kind === 'createDatabase') {
      databases.add(change.name);
      schemas.set(change.name, new Set(['public']));
    }
    if (change.kind === 'createSchema') schemas.get(change.database)?.add(change.name);
  });
  return out;
}

function issuesToProblems(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const field = path.map(String).join('.');
    if (issue.code === 'invalid_union') {
      if (field === 'kind') return [{ field, message: 'Unknown kind of change.' }];
      if (issue.discriminator !== undefined) return [{ field, message: issue.message }];
      // why: for `'ALL' | Privilege[]` zod reports both branches failing; the branch that got
      // inside the value (e.g. to privileges.1 = DROP) holds the message worth showing.
      const deeper = issue.errors.find((branch) => branch.some((i) => i.path.length > 0));
      if (deeper !== undefined) return issuesToProblems(deeper, path);
    }
    return [{ field, message: issue.message }];
  });
}

function checkChange(change: Change, ctx: ValidationContext): Problem[] {
  switch (change.kind) {
    case 'createRole':
      return [
        ...newRoleName(change.name, 'name', ctx),
        ...change.memberOf.flatMap((g, i) => existingRole(g, `memberOf.${i}`, ctx)),
        ...change.memberOf.flatMap((g, i) =>
          g === change.name ? [{ field: `memberOf.${i}`, message: 'A role cannot be a member of itself.' }] : [],
        ),
      ];
    case 'alterRole':
      return checkAlterRole(change, ctx);
    case 'dropRole':
      return checkDropRole(change, ctx);
    case 'reassignOwned':
    case 'dropOwned':
      return checkOwnedBy(change, ctx);
    case 'addMember':
    case 'removeMember':
      return checkMembership(change, ctx);
    case 'grantTable':
    case 'revokeTable':
      return [
        ...existingDatabase(change.database, 'database', ctx),
        ...grantee(change.grantee, ctx),
        ...checkTablePrivileges(change, ctx.serverMajor),
      ];
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema': {
      const kind = ({ tables: 'table', sequences: 'sequence', functions: 'function' } as const)[change.objectKind];
      return [
        ...existingDatabase(change.database, 'database', ctx),
        ...existingSchema(change.database, change.schema, 'schema', ctx),
        ...grantee(change.grantee, ctx),
        ...privileges(change.privileges, kind, ctx.serverMajor),
      ];
    }
    case 'grantSchema':
    case 'revokeSchema':
      return [
        ...existingDatabase(change.database, 'database', ctx),
        ...existingSchema(change.database, change.schema, 'schema', ctx),
        ...grantee(change.grantee, ctx),
        ...privileges(change.privileges, 'schema', ctx.serverMajor),
      ];
    case 'grantDatabase':
    case 'revokeDatabase':
      return [
        ...existingDatabase(change.database, 'database', ctx),
        ...grantee(change.grantee, ctx),
        ...privileges(change.privileges, 'database', ctx.serverMajor),
      ];
    case 'alterDefaultPrivileges':
      return checkDefaultPrivileges(change, ctx);
    case 'createDatabase':
      return checkCreateDatabase(change, ctx);
    case 'createSchema':
      return checkCreateSchema(change, ctx);
  }
}

function checkAlterRole(change: ChangeOf<'alterRole'>, ctx: ValidationContext): Problem[] {
  if (change.name.startsWith('pg_')) {
    return [{ field: 'name', message: `"${change.name}" is a built-in role; PostgreSQL does not let it be changed.` }];
  }
  const out = existingRole(change.name, 'name', ctx);
  if (change.rename !== undefined) {
    if (change.rename === change.name) out.push({ field: 'rename', message: 'The new name is the same as the old one.' });
    else if (change.name === ctx.currentUser) {
      out.push({ field: 'rename', message: `You are connected as "${change.name}"; PostgreSQL does not let the connected role be renamed.` });
    } else out.push(...newRoleName(change.rename, 'rename', ctx));
  }
  if (change.superuser === false && change.name === ctx.bootstrapSuperuser) {
    // why: the server refuses it too ("The bootstrap user must have the SUPERUSER attribute").
    out.push({ field: 'superuser', message: `"${change.name}" is the bootstrap superuser made by initdb; it must keep SUPERUSER.` });
  }
  const { rename, login, password, superuser, createDb, createRole, inherit, bypassRls, connectionLimit, validUntil } = change;
  const given = [rename, login, password, superuser, createDb, createRole, inherit, bypassRls, connectionLimit, validUntil];
  if (given.every((v) => v === undefined)) out.push({ field: '', message: 'Nothing to change.' });
  return out;
}

function checkDropRole(change: ChangeOf<'dropRole'>, ctx: ValidationContext): Problem[] {
  const fail = (message: string): Problem[] => [{ field: 'name', message }];
  if (change.name.startsWith('pg_')) return fail(`"${change.name}" is a built-in role; PostgreSQL does not let it be dropped.`);
  if (change.name === ctx.bootstrapSuperuser) {
    return fail(`"${change.name}" is the bootstrap superuser made by initdb; PostgreSQL needs it and does not let it be dropped.`);
  }
  if (change.name === ctx.currentUser) {
    return fail(`You are connected as "${change.name}"; a role cannot drop itself. Connect as another role to drop it.`);
  }
  return existingRole(change.name, 'name', ctx);
}

function checkOwnedBy(change: ChangeOf<'reassignOwned'> | ChangeOf<'dropOwned'>, ctx: ValidationContext): Problem[] {
  const out = existingDatabase(change.database, 'database', ctx);
  const seen = new Set<string>();
  change.roles.forEach((role, i) => {
    const field = `roles.${i}`;
    if (seen.has(role)) out.push({ field, message: `"${role}" is listed twice.` });
    seen.add(role);
    if (role === ctx.bootstrapSuperuser) {
      // why: what initdb's superuser owns is pinned: the system catalogs themselves.
      out.push({ field, message: `"${role}" is the bootstrap superuser; what it owns belongs to the database system and cannot be moved or dropped.` });
    } else out.push(...existingRole(role, field, ctx));
  });
  if (change.kind === 'reassignOwned') {
    if (change.roles.includes(change.newOwner)) {
      out.push({ field: 'newOwner', message: `The new owner must be another role than the ones whose objects move; "${change.newOwner}" is one of them.` });
    } else out.push(...existingRole(change.newOwner, 'newOwner', ctx));
  }
  return out;
}

function checkMembership(change: ChangeOf<'addMember'> | ChangeOf<'removeMember'>, ctx: ValidationContext): Problem[] {
  const out = [...existingRole(change.group, 'group', ctx), ...existingRole(change.member, 'member', ctx)];
  if (change.group === change.member) out.push({ field: 'member', message: 'A role cannot be a member of itself.' });
  const late = (field: string, option: string): void => {
    // why: before 16, pg_auth_members had only admin_option; inheriting followed the member's
    // own INHERIT attribute and SET ROLE was always allowed.
    out.push({
      field,
      message:
        `The ${option} option of a membership exists from PostgreSQL ${membershipOptionsSinceMajor} on; this server runs ` +
        `${ctx.serverMajor}. Before ${membershipOptionsSinceMajor}, inheritance follows the member's INHERIT attribute.`,
    });
  };
  if (ctx.serverMajor < membershipOptionsSinceMajor) {
    if (change.kind === 'addMember') {
      if (change.inherit !== undefined) late('inherit', 'INHERIT');
      if (change.set !== undefined) late('set', 'SET');
    } else if (change.optionOnly === 'inherit' || change.optionOnly === 'set') {
      late('optionOnly', change.optionOnly.toUpperCase());
    }
  }
  return out;
}

function checkTablePrivileges(change: ChangeOf<'grantTable'> | ChangeOf<'revokeTable'>, major: number): Problem[] {
  if (change.columns === undefined) return privileges(change.privileges, change.objectKind, major);
  if (change.objectKind === 'sequence') return [{ field: 'columns', message: 'Sequences have no column privileges.' }];
  const out = privileges(change.privileges, 'column', major);
  const seen = new Set<string>();
  change.columns.forEach((c, i) => {
    if (seen.has(c)) out.push({ field: `columns.${i}`, message: `Column "${c}" is listed twice.` });
    seen.add(c);
  });
  return out;
}

function checkDefaultPrivileges(change: ChangeOf<'alterDefaultPrivileges'>, ctx: ValidationContext): Problem[] {
  const kind = (
    { tables: 'table', sequences: 'sequence', functions: 'function', types: 'type', schemas: 'schema' } as const
  )[change.objtype];
  const out = [
    ...existingDatabase(change.database, 'database', ctx),
    ...existingRole(change.forRole, 'forRole', ctx),
    ...grantee(change.grantee, ctx),
    ...privileges(change.privileges, kind, ctx.serverMajor),
  ];
  if (change.inSchema !== undefined) {
    if (change.objtype === 'schemas') {
      out.push({ field: 'inSchema', message: 'Default privileges on schemas cannot be limited to a schema; leave IN SCHEMA out.' });
    } else {
      out.push(...existingSchema(change.database, change.inSchema, 'inSchema', ctx));
    }
  }
  if (change.action === 'grant' && change.grantOptionFor) {
    out.push({ field: 'grantOptionFor', message: 'GRANT OPTION FOR belongs to a revoke; for a grant use WITH GRANT OPTION.' });
  }
  if (change.action === 'revoke' && change.withGrantOption) {
    out.push({ field: 'withGrantOption', message: 'WITH GRANT OPTION belongs to a grant; for a revoke use GRANT OPTION FOR.' });
  }
  return out;
}

function checkCreateDatabase(change: ChangeOf<'createDatabase'>, ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  if (ctx.databases.has(change.name)) out.push({ field: 'name', message: `A database named "${change.name}" already exists.` });
  if (/[\r\n]/.test(change.name)) {
    // why: pg_dump refuses these too: psql's \connect cannot name such a database in a script.
    out.push({ field: 'name', message: 'A database name cannot contain a line break.' });
  }
  if (change.owner !== undefined) out.push(...existingRole(change.owner, 'owner', ctx));
  return out;
}

function checkCreateSchema(change: ChangeOf<'createSchema'>, ctx: ValidationContext): Problem[] {
  const out = existingDatabase(change.database, 'database', ctx);
  if (change.name.startsWith('pg_')) {
    out.push({ field: 'name', message: 'Schema names starting with pg_ are reserved for the system.' });
  }
  if (ctx.schemas?.get(change.database)?.has(change.name) === true) {
    out.push({ field: 'name', message: `A schema named "${change.name}" already exists in "${change.database}".` });
  }
  if (change.owner !== undefined) out.push(...existingRole(change.owner, 'owner', ctx));
  return out;
}

function newRoleName(name: string, field: string, ctx: ValidationContext): Problem[] {
  if (name.startsWith('pg_')) {
    return [{ field, message: 'Role names starting with pg_ are reserved for PostgreSQL\'s built-in roles.' }];
  }
  // why: CREATE ROLE refuses "public" (it names the PUBLIC pseudo-role) and "none" (the
  // "no role" of SET ROLE NONE); other spellings such as "Public" are ordinary names.
  if (name === 'public' || name === 'none') {
    return [{ field, message: `The role name "${name}" is reserved by PostgreSQL.` }];
  }
  if (ctx.roles.has(name)) return [{ field, message: `A role named "${name}" already exists.` }];
  return [];
}

function existingRole(name: string, field: string, ctx: ValidationContext): Problem[] {
  return ctx.roles.has(name) ? [] : [{ field, message: `There is no role named "${name}".` }];
}

function existingDatabase(name: string, field: string, ctx: ValidationContext): Problem[] {
  return ctx.databases.has(name) ? [] : [{ field, message: `There is no database named "${name}".` }];
}

function existingSchema(database: string, schema: string, field: string, ctx: ValidationContext): Problem[] {
  const known = ctx.schemas?.get(database);
  if (known === undefined || known.has(schema)) return [];
  return [{ field, message: `There is no schema named "${schema}" in "${database}".` }];
}

function grantee(g: Grantee, ctx: ValidationContext): Problem[] {
  return g.kind === 'public' ? [] : existingRole(g.name, 'grantee.name', ctx);
}

function privileges(list: PrivilegeList, kind: PrivilegeObjectKind, major: number): Problem[] {
  if (list === 'ALL') return [];
  const out: Problem[] = [];
  list.forEach((p, i) => {
    const problem = privilegeProblem(p, kind, major);
    if (problem !== null) out.push({ field: `privileges.${i}`, message: problem });
  });
  return out;
}
