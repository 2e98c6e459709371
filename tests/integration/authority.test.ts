import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { serverErrorWords } from '../../src/main/backend/pgErrors';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import { changeSchema, type ChangeInput } from '../../src/shared/changes/schema';
import { planStatements } from '../../src/shared/sql/render';
import { compareWithServer } from '../support/oracleCompare';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: docs/privileges.md §6. Connected as an admin that is not superuser (CREATEROLE,
// CREATEDB, some ADMIN OPTION and some grants WITH GRANT OPTION, as managed clouds give),
// every change Warden refuses before Apply must be one the server refuses (or turns into a
// warning that does nothing), and every change it lets through must work on the server.

const admin = 'cloud "admin" é';
const adminPassword = 'Cl0ud-admin-pw';
const db = 'auth db';

/** What the server did with a change run as the admin: refused (error, or a warning meaning nothing happened), or done. */
type Outcome = { refused: boolean; words: string };

const nothingDone = /no privileges were granted|not all privileges were granted|no privileges could be revoked|not all privileges could be revoked|has not been granted membership/;

const role = (name: string) => ({ kind: 'role' as const, name });
const createRole = (name: string, extra: Partial<ChangeInput & { kind: 'createRole' }> = {}): ChangeInput => ({
  kind: 'createRole', name, login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true, ...extra,
});

/** Changes to try, each on its own, named for the report. */
const scenarios: [string, ChangeInput][] = [
  ['create a plain role', createRole('fresh role')],
  ['create a superuser', createRole('fresh su', { superuser: true })],
  ['create a role with CREATEDB', createRole('fresh db', { createDb: true })],
  ['create a role in a managed group', createRole('fresh member', { memberOf: ['managed'] })],
  ['create a role in an unmanaged group', createRole('fresh outsider', { memberOf: ['unmanaged'] })],
  ['create a role in a superuser group', createRole('fresh su member', { memberOf: ['su role'] })],
  ['alter a managed user', { kind: 'alterRole', name: 'managed user', connectionLimit: 3 }],
  ['alter an unmanaged user', { kind: 'alterRole', name: 'victim', connectionLimit: 3 }],
  ['alter a superuser', { kind: 'alterRole', name: 'su role', connectionLimit: 3 }],
  ['alter a replication role', { kind: 'alterRole', name: 'repl role', connectionLimit: 3 }],
  ['make a managed user superuser', { kind: 'alterRole', name: 'managed user', superuser: true }],
  ['give CREATEDB to a managed user', { kind: 'alterRole', name: 'managed user', createDb: true }],
  ['rename a managed user', { kind: 'alterRole', name: 'managed user', rename: 'renamed user' }],
  ['rename an unmanaged user', { kind: 'alterRole', name: 'victim', rename: 'renamed victim' }],
  ['set its own password', { kind: 'alterRole', name: admin, password: { kind: 'none' } }],
  ['drop a managed user', { kind: 'dropRole', name: 'managed spare' }],
  ['drop an unmanaged user', { kind: 'dropRole', name: 'unmanaged spare' }],
  ['drop a superuser', { kind: 'dropRole', name: 'su role' }],
  ['grant a managed group', { kind: 'addMember', group: 'managed', member: 'victim' }],
  ['grant an unmanaged group', { kind: 'addMember', group: 'unmanaged', member: 'victim' }],
  ['grant a superuser group', { kind: 'addMember', group: 'su role', member: 'victim' }],
  ['revoke from an unmanaged group', { kind: 'removeMember', group: 'unmanaged', member: 'old member' }],
  ['create a database', { kind: 'createDatabase', name: 'fresh db', revokePublicConnect: false }],
  ['create a database owned by a managed user', { kind: 'createDatabase', name: 'fresh db 2', owner: 'managed user', revokePublicConnect: false }],
  ['create a database owned by an unmanaged user', { kind: 'createDatabase', name: 'fresh db 3', owner: 'victim', revokePublicConnect: false }],
  ['create a schema where it may', { kind: 'createSchema', database: db, name: 'fresh schema' }],
  ['create a schema owned by another role', { kind: 'createSchema', database: db, name: 'fresh schema 2', owner: 'victim' }],
  ['default privileges for itself', { kind: 'alterDefaultPrivileges', database: db, forRole: admin, objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role('victim') }],
  ['default privileges for another role', { kind: 'alterDefaultPrivileges', database: db, forRole: 'victim', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role('managed user') }],
  ['grant what it holds with grant option', { kind: 'grantTable', database: db, schema: 'public', table: 't go', privileges: ['SELECT'], grantee: role('victim') }],
  ['grant what it holds without grant option', { kind: 'grantTable', database: db, schema: 'public', table: 't go', privileges: ['INSERT'], grantee: role('victim') }],
  ['grant one held and one not', { kind: 'grantTable', database: db, schema: 'public', table: 't go', privileges: ['SELECT', 'INSERT'], grantee: role('victim') }],
  ['grant ALL where it holds some grant option', { kind: 'grantTable', database: db, schema: 'public', table: 't go', privileges: 'ALL', grantee: role('victim') }],
  ['grant on a table it has nothing on', { kind: 'grantTable', database: db, schema: 'public', table: 't none', privileges: ['SELECT'], grantee: role('victim') }],
  ['grant ALL on a table it has nothing on', { kind: 'grantTable', database: db, schema: 'public', table: 't none', privileges: 'ALL', grantee: role('victim') }],
  ['grant a column it holds with grant option', { kind: 'grantTable', database: db, schema: 'public', table: 't col', columns: ['a'], privileges: ['SELECT'], grantee: role('victim') }],
  ['grant a column it does not', { kind: 'grantTable', database: db, schema: 'public', table: 't col', columns: ['b'], privileges: ['SELECT'], grantee: role('victim') }],
  ['grant on a table it owns after revoking its own rights', { kind: 'grantTable', database: db, schema: "admin's", table: 'own', privileges: ['DELETE'], grantee: role('victim') }],
  ['revoke what it holds with grant option', { kind: 'revokeTable', database: db, schema: 'public', table: 't go', privileges: ['SELECT'], grantee: role('victim') }],
  ['revoke on a table it has nothing on', { kind: 'revokeTable', database: db, schema: 'public', table: 't none', privileges: ['SELECT'], grantee: role('victim') }],
  ['grant on all tables of a schema where it holds some', { kind: 'grantAllTablesInSchema', database: db, schema: 's go', privileges: ['SELECT'], grantee: role('victim') }],
  ['grant on all tables of its own schema', { kind: 'grantAllTablesInSchema', database: db, schema: "admin's", privileges: ['SELECT'], grantee: role('victim') }],
  ['grant USAGE on a schema it holds with grant option', { kind: 'grantSchema', database: db, schema: 's go', privileges: ['USAGE'], grantee: role('victim') }],
  ['grant CREATE on that schema', { kind: 'grantSchema', database: db, schema: 's go', privileges: ['CREATE'], grantee: role('victim') }],
  ['grant CONNECT on the database', { kind: 'grantDatabase', database: db, privileges: ['CONNECT'], grantee: role('victim') }],
  ['grant TEMPORARY on the database', { kind: 'grantDatabase', database: db, privileges: ['TEMPORARY'], grantee: role('victim') }],
  ['reassign what a managed user owns', { kind: 'reassignOwned', database: db, roles: ['managed user'], newOwner: admin }],
  ['reassign what its own member role owns', { kind: 'reassignOwned', database: db, roles: ['inherited'], newOwner: admin }],
  ['drop what an unrelated user owns', { kind: 'dropOwned', database: db, roles: ['victim'] }],
];

async function setUp(server: TestServer): Promise<void> {
  const su = await server.connect();
  try {
    const q = (sql: string) => su.query(sql);
    await q(`CREATE ROLE "cloud ""admin"" é" LOGIN PASSWORD '${adminPassword}' NOSUPERUSER CREATEROLE CREATEDB`);
    for (const r of ['managed', 'unmanaged', 'inherited']) await q(`CREATE ROLE ${r} NOLOGIN`);
    for (const r of ['"managed user"', 'victim', '"old member"', '"managed spare"', '"unmanaged spare"']) await q(`CREATE ROLE ${r} LOGIN`);
    await q(`GRANT "managed spare" TO "cloud ""admin"" é" WITH ADMIN OPTION`);
    await q(`CREATE ROLE "su role" SUPERUSER`);
    await q(`CREATE ROLE "repl role" REPLICATION`);
    await q(`GRANT managed TO "cloud ""admin"" é" WITH ADMIN OPTION`);
    // why: from 16 on, ADMIN OPTION can come without membership, as CREATE ROLE gives it to its creator.
    await q(`GRANT "managed user" TO "cloud ""admin"" é" WITH ADMIN OPTION${server.major >= 16 ? ', INHERIT FALSE, SET FALSE' : ''}`);
    await q(`GRANT inherited TO "cloud ""admin"" é"`);
    await q(`GRANT unmanaged TO "old member"`);
    await q(`CREATE DATABASE "auth db"`);
    await q(`GRANT CONNECT, CREATE ON DATABASE "auth db" TO "cloud ""admin"" é"`);
    await q(`GRANT CONNECT ON DATABASE "auth db" TO "cloud ""admin"" é" WITH GRANT OPTION`);
  } finally {
    await su.end();
  }
  const inDb = await server.connect(db);
  try {
    const q = (sql: string) => inDb.query(sql);
    await q(`CREATE TABLE "t go" (a int, b int)`);
    await q(`GRANT SELECT ON "t go" TO "cloud ""admin"" é" WITH GRANT OPTION`);
    await q(`GRANT INSERT ON "t go" TO "cloud ""admin"" é"`);
    await q(`CREATE TABLE "t none" (a int)`);
    await q(`CREATE TABLE "t col" (a int, b int)`);
    await q(`GRANT SELECT (a) ON "t col" TO "cloud ""admin"" é" WITH GRANT OPTION`);
    await q(`GRANT SELECT (b) ON "t col" TO "cloud ""admin"" é"`);
    await q(`CREATE SCHEMA "s go"`);
    await q(`GRANT USAGE ON SCHEMA "s go" TO "cloud ""admin"" é" WITH GRANT OPTION`);
    await q(`CREATE TABLE "s go".x (a int)`);
    await q(`GRANT SELECT ON "s go".x TO "cloud ""admin"" é" WITH GRANT OPTION`);
    await q(`CREATE TABLE "s go".y (a int)`);
    await q(`CREATE SCHEMA "admin's" AUTHORIZATION "cloud ""admin"" é"`);
    await q(`CREATE TABLE "admin's".own (a int)`);
    await q(`ALTER TABLE "admin's".own OWNER TO "cloud ""admin"" é"`);
    // why: the owner keeps every grant option even after revoking its own rights.
    await q(`REVOKE ALL ON "admin's".own FROM "cloud ""admin"" é"`);
    await q(`CREATE TABLE inherited_t (a int)`);
    await q(`ALTER TABLE inherited_t OWNER TO inherited`);
    await q(`CREATE TABLE managed_t (a int)`);
    await q(`ALTER TABLE managed_t OWNER TO "managed user"`);
    await q(`CREATE TABLE victim_t (a int)`);
    await q(`ALTER TABLE victim_t OWNER TO victim`);
  } finally {
    await inDb.end();
  }
}

/** Runs a change's statements as the admin and undoes them: in a rolled-back transaction, or by dropping a database it made. */
async function tryOnServer(server: TestServer, change: ChangeInput): Promise<Outcome> {
  const parsed = changeSchema.parse(change);
  const statements = planStatements(parsed, server.major);
  const warnings: string[] = [];
  const connect = async (database: string) => {
    const c = new pg.Client({ ...server.params, user: admin, password: adminPassword, database });
    c.on('notice', (n) => warnings.push(n.message ?? ''));
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const database = statements.find((s) => s.database !== null)?.database ?? 'postgres';
  const c = await connect(database);
  try {
    const transactional = statements.every((s) => s.transactional);
    if (transactional) await c.query('BEGIN');
    try {
      for (const s of statements) await c.query(s.sql);
    } catch (err) {
      return { refused: true, words: err instanceof Error ? err.message : String(err) };
    } finally {
      if (transactional) await c.query('ROLLBACK').catch(() => undefined);
    }
    if (!transactional && parsed.kind === 'createDatabase') {
      const su = await server.connect();
      await su.query(`DROP DATABASE "${parsed.name}"`).finally(() => su.end());
    }
    const nothing = warnings.find((w) => nothingDone.test(w));
    return nothing === undefined ? { refused: false, words: 'done' } : { refused: true, words: `warning: ${nothing}` };
  } finally {
    await c.end();
  }
}

describe.each(testMajors())('an admin that is not superuser, on PostgreSQL %s', (requested) => {
  let server: TestServer;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: Backend;
  let connectionId: string;

  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as Output<M>;
  };

  beforeAll(async () => {
    server = await startTestServer(requested);
    await setUp(server);
    dir = await makeTempDir('authority');
    backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
    const added = await call('connections.add', { ...server.params, user: admin, password: adminPassword, database: db, sslmode: 'disable', save: false });
    connectionId = added.id;
  });

  afterAll(async () => {
    await backend.close();
    await server.stop();
    await dir.remove();
  });

  it('reads what the connected role may do from the server', async () => {
    const a = await call('server.authority', { connectionId });
    expect(a).toMatchObject({ major: server.major, currentUser: admin, superuser: false, createRole: true, createDb: true });
    const rights = (name: string) => a.roles.find((r) => r.name === name);
    expect(rights('managed')).toMatchObject({ admin: true, usage: true });
    expect(rights('managed user')).toMatchObject(server.major >= 16 ? { admin: true, set: false, usage: false } : { admin: true, set: true, usage: true });
    expect(rights('unmanaged')).toMatchObject({ admin: false, usage: false });
    expect(rights('inherited')).toMatchObject({ admin: false, usage: true, set: true });
    expect(rights('su role')).toMatchObject({ superuser: true, admin: false });
    expect(a.createSchemaIn).toContain(db);
  });

  it('the catalog loads as that role, and every matrix cell equals has_table_privilege', async () => {
    const snapshot = await call('catalog.load', { connectionId, database: db });
    expect(snapshot.relations.map((r) => r.name)).toEqual(expect.arrayContaining(['t go', 't none', 'own']));
    const asAdmin = new pg.Client({ ...server.params, user: admin, password: adminPassword, database: db });
    await asAdmin.connect();
    try {
      // why: the matrix reads column ACLs lazily (catalog.columns); the oracle wants them all, read as the admin too.
      const r = await compareWithServer(asAdmin, await loadCatalog(asAdmin, { columns: true }));
      expect(r.checked).toBeGreaterThan(500);
      expect(r.mismatches.slice(0, 25), `${r.mismatches.length} mismatches`).toEqual([]);
    } finally {
      await asAdmin.end();
    }
  });

  it('refuses before Apply exactly what the server refuses', async () => {
    const report: string[] = [];
    let refusals = 0;
    for (const [label, change] of scenarios) {
      const preview = await call('changes.preview', { connectionId, changes: [change] });
      const predicted = preview.problems.length > 0;
      const actual = await tryOnServer(server, change);
      if (actual.refused) refusals += 1;
      if (predicted !== actual.refused) {
        report.push(`${label}: Warden ${predicted ? `refused (${preview.problems.map((p) => p.message).join(' ')})` : 'allowed it'}, the server ${actual.refused ? `refused (${actual.words})` : 'did it'}`);
      }
    }
    expect(report, `predictions that differ from PostgreSQL ${server.major}:\n${report.join('\n')}`).toEqual([]);
    // why: the scenarios must exercise both answers, or the comparison proves nothing.
    expect(refusals).toBeGreaterThan(10);
    expect(scenarios.length - refusals).toBeGreaterThan(10);
  });

  it('a refusal names the missing right in plain words, next to its field', async () => {
    const preview = await call('changes.preview', { connectionId, changes: [createRole('x', { superuser: true })] });
    expect(preview.problems).toEqual([{ index: 0, field: 'superuser', message: 'Only a superuser can create a SUPERUSER role.' }]);
    const grant = await call('changes.preview', {
      connectionId,
      changes: [{ kind: 'grantTable', database: db, schema: 'public', table: 't go', privileges: ['INSERT'], grantee: role('victim') }],
    });
    expect(grant.problems[0]?.message).toMatch(/cannot grant INSERT on public\.t go.*WITH GRANT OPTION/);
  });

  it('a right lost after the preview: Apply refuses in plain words, and the server\'s own refusal names the right', async () => {
    const changes = [createRole('late role')];
    const preview = await call('changes.preview', { connectionId, changes });
    expect(preview.problems).toEqual([]);
    const su = await server.connect();
    const asAdmin = new pg.Client({ ...server.params, user: admin, password: adminPassword, database: db });
    asAdmin.on('error', () => undefined);
    try {
      await su.query(`ALTER ROLE "cloud ""admin"" é" NOCREATEROLE`);
      // Apply checks again, so the lost right is named before anything runs.
      const report = await call('changes.apply', { connectionId, changes, fingerprint: preview.fingerprint });
      expect(report.outcome).toBe('invalid');
      expect(report.problems[0]?.message).toMatch(/needs CREATEROLE/);
      // When the server is the one refusing (a right lost between that check and the statement),
      // the words Apply reports name the right on every major, with or without the server's detail.
      await asAdmin.connect();
      const refusal = async (sql: string) => serverErrorWords(await asAdmin.query(sql).then(() => null, (err: unknown) => err));
      expect(await refusal('CREATE ROLE late_role')).toMatch(/^Permission denied: .*CREATEROLE/);
      expect(await refusal('GRANT unmanaged TO victim')).toMatch(/^Permission denied: .*admin option/i);
    } finally {
      await su.query(`ALTER ROLE "cloud ""admin"" é" CREATEROLE`);
      await su.end();
      await asAdmin.end().catch(() => undefined);
    }
  });
});
