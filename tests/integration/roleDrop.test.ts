import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import type { Method, Output } from '../../src/shared/api/contract';
import { seedDemo } from '../../src/main/demo/seed';
import { planRoleDrop, type DatabaseFootprint } from '../../src/shared/roles/footprint';
import { quoteIdent } from '../../src/shared/sql/quote';
import { makeTempDir } from '../support/tempDir';
import { majorInstalled, oldestMajor, startTestServer } from '../support/testServer';

// why: roles.footprint and the drop flow against the real demo server (docs/testing.md): what
// the footprint reports must be exactly what REASSIGN/DROP OWNED and DROP ROLE act on.

/** A backend with a connection to a server seeded with the demo scenario. */
interface Setup {
  backend: Backend;
  connectionId: string;
  endpoint: { host: string; port: number; user: string; password: string };
  close(): Promise<void>;
}

/** The demo server itself (PostgreSQL 18), as the app starts it. */
async function demoSetup(): Promise<Setup> {
  const dir = await makeTempDir('role-drop');
  const backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null });
  const ep = await backend.demo?.start();
  if (!ep) throw new Error('demo did not start');
  const close = async () => {
    await backend.close();
    await dir.remove();
  };
  return { backend, connectionId: 'demo', endpoint: ep, close };
}

/** An embedded cluster of another major with the same seed, added as a server. */
async function otherMajorSetup(major: number): Promise<Setup> {
  const server = await startTestServer(major);
  await seedDemo((db) => server.connect(db));
  const dir = await makeTempDir('role-drop');
  const backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
  const r = await backend.dispatch('connections.add', { ...server.params, database: 'datatweets', sslmode: 'disable', save: false });
  if (!r.ok) throw new Error(r.error.message);
  const connectionId = (r.value as { id: string }).id;
  return {
    backend,
    connectionId,
    endpoint: server.params,
    close: async () => {
      await backend.close();
      await server.stop();
      await dir.remove();
    },
  };
}

// why: the demo server runs the newest major; the oldest supported one is checked too when
// its binaries are installed (catalog columns such as typtype 'm' differ between majors).
const setups: { label: string; start: () => Promise<Setup> }[] = [
  { label: 'the demo server', start: demoSetup },
  ...(process.env.WARDEN_TEST_PG_URL === undefined && majorInstalled(oldestMajor)
    ? [{ label: `PostgreSQL ${oldestMajor} seeded like the demo`, start: () => otherMajorSetup(oldestMajor) }]
    : []),
];

// A hostile name: quotes, capitals, a space, a dash and non-ASCII.
const owner = 'Temp "Owner"-é';
const q = quoteIdent(owner);

const inDb = (f: Output<'roles.footprint'>, database: string): DatabaseFootprint => {
  const d = f.databases.find((x) => x.database === database);
  if (d === undefined) throw new Error(`no entry for ${database}`);
  return d;
};
const insideOf = (d: DatabaseFootprint) => {
  if (d.check.status !== 'checked') throw new Error(`${d.database} was not checked: ${d.check.reason}`);
  return d.check.inside;
};

describe.each(setups)('dropping a role on $label', ({ start }) => {
  let setup: Setup | undefined;
  const clients: pg.Client[] = [];
  const ready = (): Setup => {
    if (setup === undefined) throw new Error('The server did not start; see the hook error.');
    return setup;
  };

  async function value<T>(method: Method, input: unknown): Promise<T> {
    const r = await ready().backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  }

  async function admin(database: string): Promise<pg.Client> {
    const c = new pg.Client({ ...ready().endpoint, database });
    await c.connect();
    clients.push(c);
    return c;
  }

  const footprint = (role: string) => value<Output<'roles.footprint'>>('roles.footprint', { connectionId: ready().connectionId, role });

  beforeAll(async () => {
    setup = await start();
    const root = await admin('postgres');
    await root.query(`CREATE ROLE ${q} LOGIN`);
    await root.query(`GRANT readonly TO ${q}`);
    await root.query(`GRANT ${q} TO data_viewer`);
    await root.query(`CREATE DATABASE "owned-by-temp" OWNER ${q}`);
    await root.query(`GRANT CONNECT, TEMPORARY ON DATABASE datatweets TO ${q}`);
    await root.query(`CREATE TABLE public.postgres_side (id int)`);
    await root.query(`GRANT SELECT, UPDATE ON public.postgres_side TO ${q}`);
    await root.query('CREATE DATABASE closed_db');
    const dt = await admin('datatweets');
    await dt.query(`CREATE SCHEMA "side schema" AUTHORIZATION ${q}`);
    await dt.query(`CREATE TABLE "side schema"."Odd ""Table""" (id int)`);
    await dt.query(`ALTER TABLE "side schema"."Odd ""Table""" OWNER TO ${q}`);
    await dt.query(`CREATE VIEW public.temp_view AS SELECT 1 AS one`);
    await dt.query(`ALTER VIEW public.temp_view OWNER TO ${q}`);
    await dt.query(`CREATE FUNCTION public.temp_fn(a int, b text) RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    await dt.query(`ALTER FUNCTION public.temp_fn(int, text) OWNER TO ${q}`);
    await dt.query(`CREATE TYPE public.mood AS ENUM ('ok', 'meh')`);
    await dt.query(`ALTER TYPE public.mood OWNER TO ${q}`);
    await dt.query(`GRANT SELECT, INSERT ON public.sales TO ${q}`);
    await dt.query(`GRANT SELECT (id) ON public.accounts TO ${q}`);
    await dt.query(`GRANT USAGE ON SCHEMA user_data TO ${q}`);
    await dt.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${q} IN SCHEMA "side schema" GRANT SELECT ON TABLES TO readonly`);
    await dt.query(`ALTER DEFAULT PRIVILEGES FOR ROLE datatweets GRANT SELECT ON TABLES TO ${q}`);
    const closed = await admin('closed_db');
    await closed.query(`CREATE TABLE hidden (id int)`);
    await closed.query(`ALTER TABLE hidden OWNER TO ${q}`);
    await closed.end();
    await root.query('ALTER DATABASE closed_db ALLOW_CONNECTIONS false');
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await setup?.close();
  });

  describe('roles.footprint', () => {
    it('lists what the role owns and holds in every database, with hostile names quoted', async () => {
      const f = await footprint(owner);
      expect(f.role).toBe(owner);
      expect(f.memberOf).toEqual(['readonly']);
      expect(f.members).toEqual(['data_viewer']);
      const dt = insideOf(inDb(f, 'datatweets'));
      expect(dt.owned.schemas).toEqual({ count: 1, names: ['"side schema"'] });
      expect(dt.owned.relations).toEqual({ count: 2, names: ['"side schema"."Odd ""Table"""', 'public.temp_view (view)'] });
      expect(dt.owned.functions).toEqual({ count: 1, names: ['public.temp_fn(a integer, b text)'] });
      expect(dt.owned.types).toEqual({ count: 1, names: ['public.mood'] });
      expect(dt.owned.other.count).toBe(0);
      expect(dt.privileges.relations).toEqual({ count: 2, names: ['public.accounts: on some columns', 'public.sales: INSERT, SELECT'] });
      expect(dt.privileges.schemas).toEqual({ count: 1, names: ['user_data: USAGE'] });
      expect(dt.defaultPrivileges.forRole).toEqual({ count: 1, names: ['tables in "side schema": SELECT to readonly'] });
      expect(dt.defaultPrivileges.grantedTo).toEqual({ count: 1, names: ['tables of datatweets in any schema: SELECT'] });
      expect(inDb(f, 'datatweets').databasePrivileges).toEqual(['CONNECT', 'TEMPORARY']);
      expect(inDb(f, 'datatweets').recordedDependencies).toBeGreaterThan(0);
      const pgDb = insideOf(inDb(f, 'postgres'));
      expect(pgDb.privileges.relations).toEqual({ count: 1, names: ['public.postgres_side: SELECT, UPDATE'] });
      expect(pgDb.owned.relations.count).toBe(0);
      expect(inDb(f, 'owned-by-temp')).toMatchObject({ ownsDatabase: true, recordedDependencies: 0, check: { status: 'checked' } });
      expect(f.sharedDependencies).toBeGreaterThanOrEqual(2);
    });

    it('reports a database it cannot open as not checked, with the reason and what the shared catalog records there', async () => {
      const f = await footprint(owner);
      const closed = inDb(f, 'closed_db');
      expect(closed.check).toEqual({ status: 'not-checked', reason: expect.stringMatching(/does not accept connections/) as unknown });
      expect(closed.recordedDependencies).toBe(1);
      const template0 = inDb(f, 'template0');
      expect(template0).toMatchObject({ check: { status: 'not-checked' }, recordedDependencies: 0 });
    });

    it('names only the first few objects of a kind but counts them all', async () => {
      const dt = await admin('datatweets');
      for (let i = 0; i < 7; i++) await dt.query(`CREATE TABLE "side schema".extra_${i} (id int)`);
      for (let i = 0; i < 7; i++) await dt.query(`ALTER TABLE "side schema".extra_${i} OWNER TO ${q}`);
      const inside = insideOf(inDb(await footprint(owner), 'datatweets'));
      expect(inside.owned.relations.count).toBe(9);
      expect(inside.owned.relations.names).toHaveLength(5);
    });

    it('says plainly when there is no such role', async () => {
      const r = await ready().backend.dispatch('roles.footprint', { connectionId: ready().connectionId, role: 'ghost' });
      expect(r).toEqual({ ok: false, error: { code: 'not_found', message: 'There is no role named "ghost".', field: 'role' } });
    });
  });

  async function previewAndApply(changes: unknown[]): Promise<{ script: string; report: Output<'changes.apply'> }> {
    const connectionId = ready().connectionId;
    const preview = await value<Output<'changes.preview'>>('changes.preview', { connectionId, changes });
    expect(preview.problems).toEqual([]);
    const report = await value<Output<'changes.apply'>>('changes.apply', { connectionId, changes, fingerprint: preview.fingerprint });
    return { script: preview.script, report };
  }

  describe('dropping a role that owns and holds things', () => {
    it('reassigns and drops per database, then drops the role; its objects belong to the new owner', async () => {
      const root = await admin('postgres');
      // The closed database must be cleaned from inside; here it is opened again for that.
      await root.query('ALTER DATABASE closed_db ALLOW_CONNECTIONS true');
      const f = await footprint(owner);
      const changes = planRoleDrop(f, 'postgres', 'datatweets');
      expect(changes.map((c) => [c.kind, 'database' in c ? c.database : null])).toEqual([
        ['reassignOwned', 'closed_db'],
        ['dropOwned', 'closed_db'],
        ['reassignOwned', 'postgres'],
        ['dropOwned', 'postgres'],
        ['reassignOwned', 'datatweets'],
        ['dropOwned', 'datatweets'],
        ['dropRole', null],
      ]);
      const { script, report } = await previewAndApply(changes);
      expect(script).toContain(`\\connect closed_db\nSET client_encoding = 'UTF8';\n\nBEGIN;\nREASSIGN OWNED BY ${q} TO postgres;\nDROP OWNED BY ${q};\nCOMMIT;`);
      expect(script).toContain(`\\connect datatweets\nSET client_encoding = 'UTF8';\n\nBEGIN;\nREASSIGN OWNED BY ${q} TO postgres;\nDROP OWNED BY ${q};\nDROP ROLE ${q};\nCOMMIT;`);
      expect(report.outcome, report.message).toBe('applied');
      // The first REASSIGN/DROP OWNED (closed_db) also moves the shared objects: the database the
      // role owns and its grants on datatweets. In postgres it owned nothing, so REASSIGN is a no-op.
      expect(report.results.map((r) => r.status)).toEqual(['done', 'done', 'no-op', 'done', 'done', 'done', 'done']);
      expect(report.message).toMatch(/transactions one after the other/);

      const gone = await root.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [owner]);
      expect(gone.rowCount).toBe(0);
      const dbOwner = await root.query<{ o: string }>(`SELECT pg_get_userbyid(datdba) AS o FROM pg_database WHERE datname = 'owned-by-temp'`);
      expect(dbOwner.rows).toEqual([{ o: 'postgres' }]);
      const dt = await admin('datatweets');
      const owners = await dt.query<{ name: string; owner: string }>(
        `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         WHERE c.relnamespace = '"side schema"'::regnamespace AND c.relname = 'Odd "Table"'`,
      );
      expect(owners.rows).toEqual([{ name: 'Odd "Table"', owner: 'postgres' }]);
      const schema = await dt.query<{ o: string }>(`SELECT pg_get_userbyid(nspowner) AS o FROM pg_namespace WHERE nspname = 'side schema'`);
      expect(schema.rows).toEqual([{ o: 'postgres' }]);
      const closed = await admin('closed_db');
      const hidden = await closed.query<{ o: string }>(`SELECT pg_get_userbyid(relowner) AS o FROM pg_class WHERE relname = 'hidden'`);
      expect(hidden.rows).toEqual([{ o: 'postgres' }]);
    });

    it('refuses to drop the connected role or the bootstrap superuser, and REASSIGN to one of the roles itself', async () => {
      const r = await value<Output<'changes.preview'>>('changes.preview', {
        connectionId: ready().connectionId,
        changes: [
          { kind: 'dropRole', name: 'postgres' },
          { kind: 'reassignOwned', database: 'datatweets', roles: ['readwrite'], newOwner: 'readwrite' },
          { kind: 'alterRole', name: 'postgres', superuser: false },
        ],
      });
      expect(r.problems).toEqual([
        { index: 0, field: 'name', message: expect.stringMatching(/bootstrap superuser/) as unknown },
        { index: 1, field: 'newOwner', message: expect.stringMatching(/another role/) as unknown },
        { index: 2, field: 'superuser', message: expect.stringMatching(/must keep SUPERUSER/) as unknown },
      ]);
    });

    it('creates a role in one database and grants it in another within one apply, committing in steps', async () => {
      const changes = [
        { kind: 'createRole', name: 'step_reader', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true },
        { kind: 'grantTable', database: 'postgres', schema: 'public', table: 'postgres_side', privileges: ['SELECT'], grantee: { kind: 'role', name: 'step_reader' } },
      ];
      const { report } = await previewAndApply(changes);
      expect(report.outcome, report.message).toBe('applied');
      expect(report.results.map((r) => r.status)).toEqual(['done', 'done']);
      const root = await admin('postgres');
      const r = await root.query<{ s: boolean }>(`SELECT has_table_privilege('step_reader', 'public.postgres_side', 'SELECT') AS s`);
      expect(r.rows).toEqual([{ s: true }]);
    });

    it('says which earlier step stays applied when a later one fails', async () => {
      const changes = [
        { kind: 'createRole', name: 'half_step', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true },
        { kind: 'grantTable', database: 'postgres', schema: 'public', table: 'no_such_table', privileges: ['SELECT'], grantee: { kind: 'role', name: 'half_step' } },
      ];
      const { report } = await previewAndApply(changes);
      expect(report.outcome).toBe('failed');
      expect(report.results.map((r) => r.status)).toEqual(['done', 'failed']);
      expect(report.message).toMatch(/^Change 2 failed: .*does not exist\. Change 1 was already committed/);
      const root = await admin('postgres');
      expect((await root.query(`SELECT 1 FROM pg_roles WHERE rolname = 'half_step'`)).rowCount).toBe(1);
    });
  });
});
