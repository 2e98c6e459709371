import type pg from 'pg';
import type { ChangeInput, ChangeKind } from '../../src/shared/changes/schema';
import { quoteIdent as q } from '../../src/shared/sql/quote';
import { seedDemo } from '../../src/main/demo/seed';

// why: the round trip (tests/integration/roundTrip.test.ts) runs these change sets in order,
// each through Apply on one clone of the demo and as the exported script on another, and
// compares the catalogs after each. Keyed by change kind with `satisfies Record<ChangeKind, …>`,
// so a new kind in the Change union fails typecheck here until it has a change set.

/** Plaintext passwords the fixture hashes with `password.hash`; they must never reach a script or a log. */
export const plaintextPasswords = ['Tr0ub4dor&3 round-trip 🐴', 'c0rrect-h0rse-battery-staple-rt'] as const;

/** What a change set may depend on: the server major and the verifiers of plaintextPasswords. */
export interface StepContext {
  major: number;
  verifiers: readonly [string, string];
}

/** One change set, built for a server major. */
export type RoundTripStep = (ctx: StepContext) => ChangeInput[];

/** Hostile names: quotes, spaces, capitals, dots, commas, `=`, backslashes, emoji, a URI and a role named PUBLIC. */
export const names = {
  analyst: `O'Brien "the" Analyst, v2.0 = ok 🚀`,
  writers: 'Report Writers',
  writersRenamed: 'Report "Writers", Inc. = 2',
  appOwner: 'app.owner',
  fakePublic: 'PUBLIC',
  doomed: 'doomed role',
  hostileDb: `Ana's "db" = 1, ok 🚀`,
  dottedDb: 'Reports.2025',
  slashDb: 'C:\\temp\\db',
  uriDb: 'postgresql://evil/db',
  salesSchema: 'Sales "EU", Q1 = 🚀',
  oddSchema: 'Odd "Schema", v1.0 = 🚀',
  oddTable: 'Tab.le, "x" = 1 🚀',
  oddColumn: 'Col "A"',
  oddSeq: 'Seq 🚀',
  oddFunction: 'fn, x',
} as const;

const n = names;
const dt = 'datatweets';
const role = (name: string) => ({ kind: 'role', name }) as const;
const everyone = { kind: 'public' } as const;
const none = { kind: 'none' } as const;
const plainRole = { login: false, password: none, superuser: false, createDb: false, createRole: false, inherit: true } as const;

/**
 * The demo seed, plus objects with hostile names that no change kind creates (a schema,
 * a table with odd columns, a sequence, a function), owned by datatweets like the rest.
 */
export async function prepareRoundTripDemo(connect: (database: string) => Promise<pg.Client>): Promise<void> {
  await seedDemo(connect);
  const db = await connect(dt);
  try {
    const s = q(n.oddSchema);
    await db.query('SET ROLE datatweets');
    await db.query(`CREATE SCHEMA ${s}`);
    await db.query(`CREATE TABLE ${s}.${q(n.oddTable)} (id integer GENERATED ALWAYS AS IDENTITY, ${q(n.oddColumn)} integer, "b c" text)`);
    await db.query(`CREATE SEQUENCE ${s}.${q(n.oddSeq)}`);
    await db.query(`CREATE FUNCTION ${s}.${q(n.oddFunction)}(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a'`);
  } finally {
    await db.end();
  }
}

/** One change set per change kind, run in this order; each set features its key's kind. */
export const roundTripSteps = {
  createRole: ({ verifiers }) => [
    {
      kind: 'createRole', name: n.analyst, login: true, password: { kind: 'verifier', verifier: verifiers[0] }, superuser: false,
      createDb: true, createRole: false, inherit: false, connectionLimit: 5, validUntil: '2031-01-31T00:00:00Z', memberOf: ['readonly'],
    },
    { kind: 'createRole', name: n.writers, ...plainRole },
    { kind: 'createRole', name: n.appOwner, ...plainRole, login: true, createDb: true, createRole: true },
    { kind: 'createRole', name: n.fakePublic, ...plainRole },
    { kind: 'createRole', name: n.doomed, ...plainRole, login: true, memberOf: [n.writers] },
  ],
  alterRole: ({ verifiers }) => [
    { kind: 'alterRole', name: 'data_viewer', superuser: false, password: none },
    { kind: 'alterRole', name: n.analyst, password: { kind: 'verifier', verifier: verifiers[1] }, connectionLimit: -1, validUntil: null, inherit: true, createDb: false },
    { kind: 'alterRole', name: n.writers, rename: n.writersRenamed, connectionLimit: 3 },
  ],
  addMember: ({ major }) => [
    { kind: 'addMember', group: n.writersRenamed, member: n.analyst, admin: true, ...(major >= 16 ? { inherit: false, set: true } : {}) },
    { kind: 'addMember', group: 'readwrite', member: n.appOwner },
    { kind: 'addMember', group: 'readonly', member: n.fakePublic, ...(major >= 16 ? { inherit: true } : { admin: true }) },
  ],
  removeMember: ({ major }) => [
    { kind: 'removeMember', group: 'readonly', member: 'data_viewer' },
    { kind: 'removeMember', group: n.writersRenamed, member: n.analyst, optionOnly: 'admin' },
    ...(major >= 16
      ? ([
          { kind: 'removeMember', group: 'readonly', member: n.fakePublic, optionOnly: 'inherit' },
          { kind: 'removeMember', group: n.writersRenamed, member: n.analyst, optionOnly: 'set' },
        ] as const)
      : ([{ kind: 'removeMember', group: 'readonly', member: n.fakePublic, optionOnly: 'admin' }] as const)),
  ],
  createDatabase: () => [
    { kind: 'createDatabase', name: n.hostileDb, owner: n.appOwner },
    { kind: 'createDatabase', name: n.dottedDb, revokePublicConnect: false },
    { kind: 'createDatabase', name: n.slashDb, owner: n.analyst },
    { kind: 'createDatabase', name: n.uriDb },
  ],
  createSchema: () => [
    { kind: 'createSchema', database: n.hostileDb, name: n.salesSchema, owner: n.analyst },
    { kind: 'createSchema', database: dt, name: 'reporting', owner: n.appOwner },
    { kind: 'createSchema', database: n.slashDb, name: 'Capital Letters' },
    { kind: 'createSchema', database: n.uriDb, name: 'x', owner: n.doomed },
  ],
  grantDatabase: () => [
    { kind: 'grantDatabase', database: n.hostileDb, privileges: ['CONNECT', 'TEMPORARY'], grantee: role(n.writersRenamed), withGrantOption: true },
    { kind: 'grantDatabase', database: dt, privileges: ['CONNECT'], grantee: role(n.analyst) },
    { kind: 'grantDatabase', database: n.dottedDb, privileges: 'ALL', grantee: role(n.fakePublic) },
  ],
  revokeDatabase: () => [
    { kind: 'revokeDatabase', database: dt, privileges: ['CONNECT'], grantee: everyone },
    { kind: 'revokeDatabase', database: n.hostileDb, privileges: ['TEMPORARY'], grantee: role(n.writersRenamed), grantOptionFor: true },
    { kind: 'revokeDatabase', database: n.dottedDb, privileges: ['CREATE'], grantee: role(n.fakePublic) },
  ],
  grantSchema: () => [
    { kind: 'grantSchema', database: dt, schema: 'user_data', privileges: ['USAGE'], grantee: role(n.writersRenamed), withGrantOption: true },
    { kind: 'grantSchema', database: dt, schema: n.oddSchema, privileges: ['USAGE', 'CREATE'], grantee: role(n.fakePublic) },
    { kind: 'grantSchema', database: n.hostileDb, schema: n.salesSchema, privileges: ['USAGE'], grantee: everyone },
    { kind: 'grantSchema', database: n.hostileDb, schema: n.salesSchema, privileges: ['CREATE'], grantee: role(n.doomed) },
  ],
  revokeSchema: () => [
    { kind: 'revokeSchema', database: dt, schema: 'public', privileges: ['CREATE'], grantee: everyone },
    { kind: 'revokeSchema', database: dt, schema: 'user_data', privileges: ['USAGE'], grantee: role(n.writersRenamed), grantOptionFor: true },
    { kind: 'revokeSchema', database: dt, schema: n.oddSchema, privileges: ['CREATE'], grantee: role(n.fakePublic) },
  ],
  grantTable: ({ major }) => [
    {
      kind: 'grantTable', database: dt, schema: 'public', table: 'users', privileges: ['SELECT', 'UPDATE'], columns: ['email', 'full_name'],
      grantee: role(n.analyst), withGrantOption: true,
    },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'users_id_seq', objectKind: 'sequence', privileges: ['USAGE', 'SELECT'], grantee: role(n.writersRenamed) },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'sales', privileges: 'ALL', grantee: role(n.fakePublic) },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'accounts', privileges: ['SELECT'], grantee: everyone },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'accounts', privileges: ['SELECT', 'INSERT'], grantee: role(n.doomed) },
    { kind: 'grantTable', database: dt, schema: n.oddSchema, table: n.oddTable, privileges: ['INSERT', 'REFERENCES'], columns: [n.oddColumn, 'b c'], grantee: role(n.writersRenamed) },
    { kind: 'grantTable', database: dt, schema: n.oddSchema, table: n.oddSeq, objectKind: 'sequence', privileges: ['UPDATE'], grantee: role(n.analyst), withGrantOption: true },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'sales', privileges: major >= 17 ? ['MAINTAIN', 'TRIGGER'] : ['TRIGGER'], grantee: role('readwrite') },
  ],
  revokeTable: () => [
    { kind: 'revokeTable', database: dt, schema: 'public', table: 'users', privileges: ['UPDATE'], columns: ['full_name'], grantee: role(n.analyst) },
    {
      kind: 'revokeTable', database: dt, schema: 'public', table: 'users', privileges: ['SELECT'], columns: ['email'], grantee: role(n.analyst),
      grantOptionFor: true, cascade: true,
    },
    { kind: 'revokeTable', database: dt, schema: 'public', table: 'sales', privileges: ['TRUNCATE', 'TRIGGER'], grantee: role(n.fakePublic) },
    { kind: 'revokeTable', database: dt, schema: 'public', table: 'users', privileges: ['DELETE'], grantee: role('readwrite') },
    { kind: 'revokeTable', database: dt, schema: n.oddSchema, table: n.oddSeq, objectKind: 'sequence', privileges: ['UPDATE'], grantee: role(n.analyst), grantOptionFor: true },
  ],
  grantAllTablesInSchema: () => [
    { kind: 'grantAllTablesInSchema', database: dt, schema: 'user_data', privileges: ['SELECT'], grantee: role(n.writersRenamed) },
    { kind: 'grantAllTablesInSchema', database: dt, schema: 'public', objectKind: 'sequences', privileges: ['USAGE'], grantee: role('readwrite'), withGrantOption: true },
    { kind: 'grantAllTablesInSchema', database: dt, schema: n.oddSchema, objectKind: 'functions', privileges: ['EXECUTE'], grantee: role(n.analyst) },
  ],
  revokeAllTablesInSchema: () => [
    { kind: 'revokeAllTablesInSchema', database: dt, schema: n.oddSchema, objectKind: 'functions', privileges: ['EXECUTE'], grantee: everyone },
    { kind: 'revokeAllTablesInSchema', database: dt, schema: 'public', privileges: ['INSERT', 'UPDATE', 'DELETE'], grantee: role('readwrite') },
    { kind: 'revokeAllTablesInSchema', database: dt, schema: 'public', objectKind: 'sequences', privileges: ['USAGE'], grantee: role('readwrite'), grantOptionFor: true },
  ],
  alterDefaultPrivileges: () => [
    { kind: 'alterDefaultPrivileges', database: dt, forRole: 'datatweets', inSchema: 'public', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role('readonly') },
    { kind: 'alterDefaultPrivileges', database: dt, forRole: n.appOwner, objtype: 'sequences', action: 'grant', privileges: ['USAGE', 'SELECT'], grantee: role(n.writersRenamed), withGrantOption: true },
    { kind: 'alterDefaultPrivileges', database: n.hostileDb, forRole: n.analyst, inSchema: n.salesSchema, objtype: 'tables', action: 'grant', privileges: 'ALL', grantee: role(n.fakePublic) },
    { kind: 'alterDefaultPrivileges', database: n.hostileDb, forRole: n.appOwner, objtype: 'functions', action: 'revoke', privileges: ['EXECUTE'], grantee: everyone },
    { kind: 'alterDefaultPrivileges', database: dt, forRole: n.appOwner, objtype: 'types', action: 'revoke', privileges: ['USAGE'], grantee: everyone },
    { kind: 'alterDefaultPrivileges', database: dt, forRole: n.appOwner, objtype: 'schemas', action: 'grant', privileges: ['USAGE'], grantee: role(n.analyst) },
    { kind: 'alterDefaultPrivileges', database: dt, forRole: n.appOwner, objtype: 'sequences', action: 'revoke', privileges: ['SELECT'], grantee: role(n.writersRenamed), grantOptionFor: true },
  ],
  reassignOwned: () => [
    // why: REASSIGN OWNED in one database also moves shared objects: the database app.owner owns.
    { kind: 'reassignOwned', database: dt, roles: [n.appOwner], newOwner: 'datatweets' },
    { kind: 'reassignOwned', database: n.slashDb, roles: [n.analyst, n.fakePublic], newOwner: 'postgres' },
  ],
  dropOwned: () => [
    { kind: 'dropOwned', database: dt, roles: [n.doomed] },
    { kind: 'dropOwned', database: n.uriDb, roles: [n.doomed], cascade: true },
    { kind: 'dropOwned', database: n.hostileDb, roles: [n.doomed, n.fakePublic] },
  ],
  dropRole: () => [
    { kind: 'dropRole', name: n.doomed },
    { kind: 'createRole', name: 'short lived', ...plainRole },
    { kind: 'dropRole', name: 'short lived' },
  ],
} satisfies Record<ChangeKind, RoundTripStep>;

/** Change sets mixing kinds and databases, run after the per-kind sets: the lesson's exercises among them. */
export const mixedSteps: Record<string, RoundTripStep> = {
  'the lesson, across databases': ({ verifiers }) => [
    { kind: 'createRole', name: 'report_bot', ...plainRole, login: true, password: { kind: 'verifier', verifier: verifiers[0] } },
    { kind: 'revokeTable', database: dt, schema: 'public', table: 'sales', privileges: 'ALL', grantee: role('report_bot') },
    { kind: 'grantTable', database: dt, schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
    { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
    { kind: 'createSchema', database: 'analytics', name: 'Reports', owner: 'report_bot' },
    { kind: 'grantDatabase', database: 'analytics', privileges: ['CONNECT'], grantee: role('report_bot') },
    { kind: 'grantSchema', database: dt, schema: 'user_data', privileges: ['USAGE'], grantee: role('report_bot') },
    { kind: 'alterDefaultPrivileges', database: 'analytics', forRole: 'report_bot', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role(n.analyst) },
    { kind: 'addMember', group: 'readonly', member: 'report_bot' },
  ],
};
