import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { scramSha256Verifier } from '../../src/main/backend/scram';
import type { ListedFinding, Method, Output } from '../../src/shared/api/contract';
import { envelopeValue } from '../../src/shared/api/envelope';
import { buildFindingsWorker } from '../support/findingsWorker';
import { quoteIdent as qi, quoteLiteral } from '../../src/shared/sql/quote';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: every rule is checked against a real server (docs/testing.md): each test builds the
// situation with plain SQL, sees the finding through findings.list, applies the finding's
// own fix through changes.preview + changes.apply, and sees it gone on a fresh read.

describe.each(testMajors())('findings on PostgreSQL %s', (major) => {
  let server: TestServer;
  let backend: Backend;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let connectionId = '';
  let admin: pg.Client;
  let worker: Awaited<ReturnType<typeof buildFindingsWorker>>;
  const pw = () => quoteLiteral(scramSha256Verifier('not-used-here'));

  async function value<M extends Method>(method: M, input: unknown): Promise<Output<M>> {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return envelopeValue(r) as Output<M>;
  }
  const list = (database: string) => value('findings.list', { connectionId, database });
  const keys = async (database: string) => (await list(database)).findings.map((f) => f.key);

  /** A fresh database (hostile name) owned by the superuser; `sql` runs inside it. */
  async function database(prefix: string, sql: readonly string[] = []): Promise<string> {
    const name = server.unique(`${prefix} "db"`);
    await admin.query(`CREATE DATABASE ${qi(name)}`);
    if (sql.length > 0) {
      const c = await server.connect(name);
      try {
        for (const s of sql) await c.query(s);
      } finally {
        await c.end();
      }
    }
    return name;
  }

  /** Finds `key` in `db`, applies its fix, and checks that a fresh read no longer has it. */
  async function fixAndRecheck(db: string, key: string): Promise<ListedFinding> {
    const before = await list(db);
    const finding = before.findings.find((f) => f.key === key);
    expect(finding, `${key} among ${before.findings.map((f) => f.key).join(' | ')}`).toBeDefined();
    if (finding === undefined) throw new Error('unreachable');
    expect(finding.fix.length).toBeGreaterThan(0);
    expect(finding.fixSql).not.toBe('');
    const preview = await value('changes.preview', { connectionId, changes: finding.fix });
    expect(preview.problems).toEqual([]);
    const applied = await value('changes.apply', { connectionId, changes: finding.fix, fingerprint: preview.fingerprint });
    expect(applied.outcome, applied.message).toBe('applied');
    expect(await keys(db)).not.toContain(key);
    return finding;
  }
  /** Whether a boolean SQL expression is true, evaluated in `db` (default: postgres). */
  const has = async (sql: string, db?: string): Promise<boolean> => {
    const c = db === undefined ? admin : await server.connect(db);
    try {
      return (await c.query<{ ok: boolean }>(`SELECT (${sql}) AS ok`)).rows[0]?.ok === true;
    } finally {
      if (c !== admin) await c.end();
    }
  };
  const k = (rule: string, ...parts: (string | null)[]) => [rule, ...parts.map((p) => JSON.stringify(p))].join(':');

  beforeAll(async () => {
    server = await startTestServer(major);
    admin = await server.connect();
    dir = await makeTempDir('findings');
    // why: findings are computed in the worker thread the app uses, built from these sources.
    worker = await buildFindingsWorker();
    backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false, findingsWorker: worker.url });
    const added = await value('connections.add', { ...server.params, database: 'postgres', sslmode: 'disable', save: false });
    connectionId = added.id;
  });

  afterAll(async () => {
    await admin.end();
    await backend.close();
    await server.stop();
    await dir.remove();
    await worker.remove();
  });

  it('superuser-meaningless-grants and extra-superuser: a superuser with a grant and a group, fixed by NOSUPERUSER', async () => {
    const viewer = server.unique('Viewer "su"');
    const group = server.unique('ro');
    await admin.query(`CREATE ROLE ${qi(group)} NOLOGIN`);
    await admin.query(`CREATE ROLE ${qi(viewer)} LOGIN SUPERUSER PASSWORD ${pw()} IN ROLE ${qi(group)}`);
    const db = await database('su', ['CREATE TABLE t (id int)', `GRANT SELECT ON t TO ${qi(viewer)}`]);
    expect(await keys(db)).toContain(k('extra-superuser', viewer));
    await fixAndRecheck(db, k('superuser-meaningless-grants', viewer));
    expect(await keys(db)).not.toContain(k('extra-superuser', viewer));
    expect(await has(`SELECT NOT rolsuper FROM pg_roles WHERE rolname = ${quoteLiteral(viewer)}`)).toBe(true);
  });

  it('login-without-password and login-expired, fixed by NOLOGIN', async () => {
    const bare = server.unique('no pass');
    const old = server.unique('expired');
    await admin.query(`CREATE ROLE ${qi(bare)} LOGIN`);
    await admin.query(`CREATE ROLE ${qi(old)} LOGIN PASSWORD ${pw()} VALID UNTIL '2001-01-01 00:00:00+00'`);
    await fixAndRecheck('postgres', k('login-without-password', bare));
    await fixAndRecheck('postgres', k('login-expired', old));
  });

  it('public-connect: PUBLIC keeps CONNECT by default; the fix keeps it for the roles that hold something there', async () => {
    const reader = server.unique('reader');
    await admin.query(`CREATE ROLE ${qi(reader)} LOGIN PASSWORD ${pw()}`);
    const db = await database('pubconn', ['CREATE TABLE t (id int)', `GRANT SELECT ON t TO ${qi(reader)}`]);
    await fixAndRecheck(db, k('public-connect', db));
    expect(await has(`has_database_privilege(${quoteLiteral(reader)}, ${quoteLiteral(db)}, 'CONNECT')`)).toBe(true);
    expect(await has(`NOT has_database_privilege('public', ${quoteLiteral(db)}, 'TEMPORARY')`)).toBe(true);
  });

  it('public-create-schema: CREATE on a schema for PUBLIC', async () => {
    const db = await database('pubcreate', ['CREATE SCHEMA "Shared space"', 'GRANT CREATE, USAGE ON SCHEMA "Shared space" TO PUBLIC']);
    await fixAndRecheck(db, k('public-create-schema', db, 'Shared space'));
    // why: before 15 every new database's public schema grants CREATE to PUBLIC.
    if (server.major < 15) await fixAndRecheck(db, k('public-create-schema', db, 'public'));
    else expect(await keys(db)).not.toContain(k('public-create-schema', db, 'public'));
  });

  it('unusable-grant: SELECT without USAGE on the schema, and without CONNECT on the database', async () => {
    const u = server.unique('lost "user"');
    await admin.query(`CREATE ROLE ${qi(u)} LOGIN PASSWORD ${pw()}`);
    const db = await database('unusable', ['CREATE SCHEMA hidden', 'CREATE TABLE hidden.t (id int)', `GRANT SELECT ON hidden.t TO ${qi(u)}`]);
    await fixAndRecheck(db, k('unusable-grant', db, 'USAGE', u));
    expect(await has(`has_schema_privilege(${quoteLiteral(u)}, 'hidden', 'USAGE')`, db)).toBe(true);
    const db2 = await database('closed', ['CREATE TABLE t (id int)', `GRANT SELECT ON t TO ${qi(u)}`]);
    await admin.query(`REVOKE CONNECT ON DATABASE ${qi(db2)} FROM PUBLIC`);
    await fixAndRecheck(db2, k('unusable-grant', db2, 'CONNECT', u));
    expect(await has(`has_database_privilege(${quoteLiteral(u)}, ${quoteLiteral(db2)}, 'CONNECT')`)).toBe(true);
  });

  it('redundant-grant: a direct grant the group already gives; the role keeps its access', async () => {
    const g = server.unique('readers');
    const u = server.unique('Alice');
    await admin.query(`CREATE ROLE ${qi(g)} NOLOGIN`);
    await admin.query(`CREATE ROLE ${qi(u)} LOGIN PASSWORD ${pw()} IN ROLE ${qi(g)}`);
    const db = await database('redundant', ['CREATE TABLE "Ta ble" (id int)', `GRANT SELECT ON "Ta ble" TO ${qi(g)}`, `GRANT SELECT ON "Ta ble" TO ${qi(u)}`]);
    await fixAndRecheck(db, k('redundant-grant', db, u));
    expect(await has(`has_table_privilege(${quoteLiteral(u)}, 'public."Ta ble"', 'SELECT')`, db)).toBe(true);
  });

  it('empty-group and grant-to-dead-role', async () => {
    const empty = server.unique('empty');
    const dead = server.unique('dead group');
    await admin.query(`CREATE ROLE ${qi(empty)} NOLOGIN`);
    await admin.query(`CREATE ROLE ${qi(dead)} NOLOGIN`);
    const db = await database('dead', ['CREATE SEQUENCE s', 'CREATE TABLE t (id int)', `GRANT SELECT, UPDATE ON t TO ${qi(dead)}`, `GRANT USAGE ON s TO ${qi(dead)}`]);
    await fixAndRecheck(db, k('empty-group', empty));
    expect(await has(`NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(empty)})`)).toBe(true);
    await fixAndRecheck(db, k('grant-to-dead-role', db, dead));
    // With nothing left it is an empty group now, which is the next thing to clean up.
    expect(await keys(db)).toContain(k('empty-group', dead));
  });

  it('default-privileges-never-fire: set for the admin while another role creates the tables', async () => {
    const app = server.unique('app owner');
    const reader = server.unique('reader');
    await admin.query(`CREATE ROLE ${qi(app)} LOGIN PASSWORD ${pw()}`);
    await admin.query(`CREATE ROLE ${qi(reader)} LOGIN PASSWORD ${pw()}`);
    const db = await database('defaults', [
      'CREATE SCHEMA app',
      `GRANT USAGE, CREATE ON SCHEMA app TO ${qi(app)}`,
      `GRANT USAGE ON SCHEMA app TO ${qi(reader)}`,
      `SET ROLE ${qi(app)}`,
      'CREATE TABLE app.t (id int)',
      'RESET ROLE',
      `ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO ${qi(reader)}`,
    ]);
    await fixAndRecheck(db, k('default-privileges-never-fire', db, 'app', server.params.user, 'tables'));
    // The fixed default privileges really fire: a table app creates now is readable by reader.
    const c = await server.connect(db);
    try {
      await c.query(`SET ROLE ${qi(app)}`);
      await c.query('CREATE TABLE app.later (id int)');
      await c.query('RESET ROLE');
      expect((await c.query(`SELECT has_table_privilege(${quoteLiteral(reader)}, 'app.later', 'SELECT') AS ok`)).rows[0]).toEqual({ ok: true });
    } finally {
      await c.end();
    }
  });

  it('member-inherits-nothing: a membership without INHERIT (16+) or a NOINHERIT member (before 16)', async () => {
    const g = server.unique('group');
    const u = server.unique('member');
    await admin.query(`CREATE ROLE ${qi(g)} NOLOGIN`);
    if (server.major >= 16) {
      await admin.query(`CREATE ROLE ${qi(u)} LOGIN PASSWORD ${pw()}`);
      await admin.query(`GRANT ${qi(g)} TO ${qi(u)} WITH INHERIT FALSE`);
    } else {
      await admin.query(`CREATE ROLE ${qi(u)} LOGIN NOINHERIT PASSWORD ${pw()} IN ROLE ${qi(g)}`);
    }
    const db = await database('inherit', ['CREATE TABLE t (id int)', `GRANT SELECT ON t TO ${qi(g)}`]);
    await fixAndRecheck(db, k('member-inherits-nothing', u, g));
    expect(await has(`has_table_privilege(${quoteLiteral(u)}, 'public.t', 'SELECT')`, db)).toBe(true);
  });

  it('wide-destructive (PUBLIC) and code-as-owner (TRIGGER to another role)', async () => {
    const u = server.unique('trigger happy');
    await admin.query(`CREATE ROLE ${qi(u)} LOGIN PASSWORD ${pw()}`);
    const db = await database('wide', ['CREATE TABLE t (id int)', 'GRANT DELETE, TRUNCATE ON t TO PUBLIC', `GRANT TRIGGER, REFERENCES ON t TO ${qi(u)}`]);
    await fixAndRecheck(db, k('wide-destructive', db, 'PUBLIC'));
    await fixAndRecheck(db, k('code-as-owner', db, u));
  });

  it('near-superuser: CREATEROLE, BYPASSRLS and membership in pg_read_server_files', async () => {
    const u = server.unique('almost root');
    await admin.query(`CREATE ROLE ${qi(u)} LOGIN CREATEROLE BYPASSRLS PASSWORD ${pw()} IN ROLE pg_read_server_files`);
    await fixAndRecheck('postgres', k('near-superuser', u, 'CREATEROLE'));
    await fixAndRecheck('postgres', k('near-superuser', u, 'BYPASSRLS'));
    await fixAndRecheck('postgres', k('near-superuser', u, 'member of pg_read_server_files'));
  });

  it('a clean setup yields no finding about its database or its roles', async () => {
    const owner = server.unique('clean owner');
    const readers = server.unique('clean readers');
    const bob = server.unique('clean bob');
    await admin.query(`CREATE ROLE ${qi(owner)} LOGIN PASSWORD ${pw()}`);
    await admin.query(`CREATE ROLE ${qi(readers)} NOLOGIN`);
    await admin.query(`CREATE ROLE ${qi(bob)} LOGIN PASSWORD ${pw()} IN ROLE ${qi(readers)}`);
    const name = server.unique('clean');
    await admin.query(`CREATE DATABASE ${qi(name)} OWNER ${qi(owner)}`);
    await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${qi(name)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${qi(name)} TO ${qi(readers)}`);
    const c = await server.connect(name);
    try {
      for (const s of [
        'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
        `SET ROLE ${qi(owner)}`,
        'CREATE SCHEMA app',
        'CREATE TABLE app.t (id int)',
        `GRANT USAGE ON SCHEMA app TO ${qi(readers)}`,
        `GRANT SELECT ON app.t TO ${qi(readers)}`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO ${qi(readers)}`,
      ]) {
        await c.query(s);
      }
    } finally {
      await c.end();
    }
    const result = await list(name);
    const ours = new Set([owner, readers, bob, name]);
    const concerning = result.findings.filter((f) => f.objects.some((o) => ours.has(o.name) || o.database === name));
    expect(concerning.map((f) => f.key)).toEqual([]);
    expect(result.notChecked).toEqual([]);
  });

  it('keeps acknowledgements per server in the data folder, apart from the open findings', async () => {
    const bare = server.unique('ack me');
    await admin.query(`CREATE ROLE ${qi(bare)} LOGIN`);
    const key = k('login-without-password', bare);
    await value('findings.acknowledge', { connectionId, key, reason: 'peer authentication only' });
    // The role was made outside Warden a moment after the last read: "Check again" forgets it first.
    await value('catalog.forget', { connectionId });
    const found = (await list('postgres')).findings.find((f) => f.key === key);
    expect(found?.acknowledged).toMatchObject({ reason: 'peer authentication only' });
    const again = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
    try {
      const r = await again.dispatch('findings.acknowledge', { connectionId, key, reason: '   ' });
      expect(r.ok).toBe(false);
    } finally {
      await again.close();
    }
    await value('findings.unacknowledge', { connectionId, key });
    expect((await list('postgres')).findings.find((f) => f.key === key)?.acknowledged).toBeNull();
  });
});
