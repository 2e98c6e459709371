import { z } from 'zod';
import { identifierProblem } from '../sql/quote';
import { privilegeListSchema } from './privileges';

/**
 * The change model: every edit the user stages is one of these plain objects. Apply sends
 * them (never SQL text) to main, which validates and renders them again.
 */

const identifier = (what: string) =>
  z.string({ error: `Enter a ${what}.` }).superRefine((value, ctx) => {
    const problem = identifierProblem(value, what);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A role name: non-empty, at most 63 bytes of UTF-8, no NUL. */
export const roleNameSchema = identifier('role name');
/** A database name. */
export const databaseNameSchema = identifier('database name');
/** A schema name. */
export const schemaNameSchema = identifier('schema name');
/** A table (or sequence) name. */
export const tableNameSchema = identifier('table name');
/** A column name. */
export const columnNameSchema = identifier('column name');

/** The PUBLIC pseudo-role or one named role; structurally the same as sql/quote's Grantee. */
export const granteeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('public') }),
  z.object({ kind: z.literal('role'), name: roleNameSchema }),
]);

/** The exact shape of a SCRAM-SHA-256 verifier as pg_authid stores it. */
export const scramVerifierPattern =
  /^SCRAM-SHA-256\$[1-9][0-9]*:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/;

/** A password setting: none, or a SCRAM verifier computed in main. Never plaintext. */
export const passwordSettingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('verifier'),
    verifier: z.string().regex(scramVerifierPattern, 'The password must be a SCRAM-SHA-256 verifier, never the password itself.'),
  }),
]);
/** A password setting. */
export type PasswordSetting = z.infer<typeof passwordSettingSchema>;

const connectionLimit = z
  .number({ error: 'Enter a connection limit (-1 for none).' })
  .int('A connection limit is a whole number.')
  .min(-1, 'A connection limit is -1 (no limit) or more.');
const validUntil = z.iso.datetime({ offset: true, error: 'Enter a date and time such as 2030-01-31T00:00:00Z.' }).nullable();

/** CREATE ROLE with every attribute stated, as the lesson recommends; memberOf adds GRANT group TO role. */
export const createRoleSchema = z.object({
  kind: z.literal('createRole'),
  name: roleNameSchema,
  login: z.boolean(),
  password: passwordSettingSchema,
  superuser: z.boolean(),
  createDb: z.boolean(),
  createRole: z.boolean(),
  inherit: z.boolean(),
  connectionLimit: connectionLimit.default(-1),
  validUntil: validUntil.default(null),
  memberOf: z.array(roleNameSchema).default([]),
});

/** ALTER ROLE: only the attributes present change; `rename` runs last. */
export const alterRoleSchema = z.object({
  kind: z.literal('alterRole'),
  name: roleNameSchema,
  rename: roleNameSchema.optional(),
  login: z.boolean().optional(),
  password: passwordSettingSchema.optional(),
  superuser: z.boolean().optional(),
  createDb: z.boolean().optional(),
  createRole: z.boolean().optional(),
  inherit: z.boolean().optional(),
  bypassRls: z.boolean().optional(),
  connectionLimit: connectionLimit.optional(),
  validUntil: validUntil.optional(),
});

/** DROP ROLE. */
export const dropRoleSchema = z.object({ kind: z.literal('dropRole'), name: roleNameSchema });

const ownedByRoles = z.array(roleNameSchema).min(1, 'Name at least one role.');

// why: REASSIGN OWNED and DROP OWNED act on the objects of the database the session is in
// (plus shared objects such as databases), so each runs once per database, \connect-ed there.
/** REASSIGN OWNED BY roles TO newOwner, inside one database. */
export const reassignOwnedSchema = z.object({
  kind: z.literal('reassignOwned'),
  database: databaseNameSchema,
  roles: ownedByRoles,
  newOwner: roleNameSchema,
});

/** DROP OWNED BY roles [CASCADE] inside one database: drops what they own, revokes what they were granted. */
export const dropOwnedSchema = z.object({
  kind: z.literal('dropOwned'),
  database: databaseNameSchema,
  roles: ownedByRoles,
  cascade: z.boolean().default(false),
});

/** GRANT group TO member; inherit and set are per-membership options from PostgreSQL 16 on. */
export const addMemberSchema = z.object({
  kind: z.literal('addMember'),
  group: roleNameSchema,
  member: roleNameSchema,
  admin: z.boolean().optional(),
  inherit: z.boolean().optional(),
  set: z.boolean().optional(),
});

/** REVOKE group FROM member, or only one of its options (REVOKE ADMIN/INHERIT/SET OPTION FOR). */
export const removeMemberSchema = z.object({
  kind: z.literal('removeMember'),
  group: roleNameSchema,
  member: roleNameSchema,
  optionOnly: z.enum(['admin', 'inherit', 'set']).optional(),
});

const grantFlags = { withGrantOption: z.boolean().default(false) };
const revokeFlags = { grantOptionFor: z.boolean().default(false), cascade: z.boolean().default(false) };

const tableTarget = {
  database: databaseNameSchema,
  schema: schemaNameSchema,
  table: tableNameSchema,
  objectKind: z.enum(['table', 'sequence']).default('table'),
  privileges: privilegeListSchema,
  grantee: granteeSchema,
  columns: z.array(columnNameSchema).min(1, 'List at least one column, or leave the column list out.').optional(),
};
/** GRANT … ON TABLE (or SEQUENCE) schema.table, optionally on columns only. */
export const grantTableSchema = z.object({ kind: z.literal('grantTable'), ...tableTarget, ...grantFlags });
/** REVOKE … ON TABLE (or SEQUENCE) schema.table. */
export const revokeTableSchema = z.object({ kind: z.literal('revokeTable'), ...tableTarget, ...revokeFlags });

const schemaWideTarget = {
  database: databaseNameSchema,
  schema: schemaNameSchema,
  objectKind: z.enum(['tables', 'sequences', 'functions']).default('tables'),
  privileges: privilegeListSchema,
  grantee: granteeSchema,
};
/** GRANT … ON ALL TABLES (or SEQUENCES, FUNCTIONS) IN SCHEMA: objects that exist now only. */
export const grantAllTablesInSchemaSchema = z.object({
  kind: z.literal('grantAllTablesInSchema'),
  ...schemaWideTarget,
  ...grantFlags,
});
/** REVOKE … ON ALL TABLES (or SEQUENCES, FUNCTIONS) IN SCHEMA. */
export const revokeAllTablesInSchemaSchema = z.object({
  kind: z.literal('revokeAllTablesInSchema'),
  ...schemaWideTarget,
  ...revokeFlags,
});

const schemaTarget = { database: databaseNameSchema, schema: schemaNameSchema, privileges: privilegeListSchema, grantee: granteeSchema };
/** GRANT USAGE/CREATE ON SCHEMA. */
export const grantSchemaSchema = z.object({ kind: z.literal('grantSchema'), ...schemaTarget, ...grantFlags });
/** REVOKE USAGE/CREATE ON SCHEMA. */
export const revokeSchemaSchema = z.object({ kind: z.literal('revokeSchema'), ...schemaTarget, ...revokeFlags });

// why: a database's ACL lives in the shared catalog pg_database, so these run from any
// connection; `database` here is the target, not where the statement runs.
const databaseTarget = { database: databaseNameSchema, privileges: privilegeListSchema, grantee: granteeSchema };
/** GRANT CONNECT/CREATE/TEMPORARY ON DATABASE. */
export const grantDatabaseSchema = z.object({ kind: z.literal('grantDatabase'), ...databaseTarget, ...grantFlags });
/** REVOKE CONNECT/CREATE/TEMPORARY ON DATABASE. */
export const revokeDatabaseSchema = z.object({ kind: z.literal('revokeDatabase'), ...databaseTarget, ...revokeFlags });

/** Object types ALTER DEFAULT PRIVILEGES accepts. */
export const defaultPrivilegeObjtypes = ['tables', 'sequences', 'functions', 'types', 'schemas'] as const;

/** ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT|REVOKE … ON TABLES|… TO|FROM grantee. */
export const alterDefaultPrivilegesSchema = z.object({
  kind: z.literal('alterDefaultPrivileges'),
  database: databaseNameSchema,
  forRole: roleNameSchema,
  inSchema: schemaNameSchema.optional(),
  objtype: z.enum(defaultPrivilegeObjtypes),
  action: z.enum(['grant', 'revoke']),
  privileges: privilegeListSchema,
  grantee: granteeSchema,
  withGrantOption: z.boolean().default(false),
  grantOptionFor: z.boolean().default(false),
});

/** CREATE DATABASE (outside any transaction), by default then REVOKE CONNECT, TEMPORARY … FROM PUBLIC. */
export const createDatabaseSchema = z.object({
  kind: z.literal('createDatabase'),
  name: databaseNameSchema,
  owner: roleNameSchema.optional(),
  revokePublicConnect: z.boolean().default(true),
});

/** CREATE SCHEMA inside a database, optionally AUTHORIZATION owner. */
export const createSchemaSchema = z.object({
  kind: z.literal('createSchema'),
  database: databaseNameSchema,
  name: schemaNameSchema,
  owner: roleNameSchema.optional(),
});

/** Every staged change, discriminated on `kind`. */
export const changeSchema = z.discriminatedUnion('kind', [
  createRoleSchema,
  alterRoleSchema,
  dropRoleSchema,
  reassignOwnedSchema,
  dropOwnedSchema,
  addMemberSchema,
  removeMemberSchema,
  grantTableSchema,
  revokeTableSchema,
  grantAllTablesInSchemaSchema,
  revokeAllTablesInSchemaSchema,
  grantSchemaSchema,
  revokeSchemaSchema,
  grantDatabaseSchema,
  revokeDatabaseSchema,
  alterDefaultPrivilegesSchema,
  createDatabaseSchema,
  createSchemaSchema,
]);
/** One staged change (defaults filled in). */
export type Change = z.infer<typeof changeSchema>;
/** One staged change as a form may send it (defaulted fields optional). */
export type ChangeInput = z.input<typeof changeSchema>;
/** The `kind` of a change. */
export type ChangeKind = Change['kind'];
/** The change of one kind. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;
