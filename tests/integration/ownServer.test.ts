import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import type { Method } from '../../src/shared/api/contract';
import type { Envelope } from '../../src/shared/api/envelope';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, type TestServer } from '../support/testServer';

// why: a server the user adds is the path every real user takes first (issue: "opening a
// database on a server the user added hangs"). These tests drive the backend exactly as
// the UI does: one added connection, many requests at once, the params object rebuilt on
// every request, and no request may fail or hang.

let server: TestServer;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let backend: Backend;
let admin: pg.Client;
let connectionId: string;
let db: string;
let reader: string;

/** Fails the test instead of hanging it: every round must finish well inside this. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function call(method: Method, input: unknown, requestId?: string): Promise<Envelope<unknown>> {
  return backend.dispatch(method, input, requestId);
}

async function value<T>(method: Method, input: unknown): Promise<T> {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** What the UI sends at once when a server and one of its databases are first opened. */
function firstOpen(): Promise<Envelope<unknown>>[] {
  return [
    call('server.info', { connectionId }),
    call('tree.databases', { connectionId }),
    call('roles.list', { connectionId }),
    call('tree.schemas', { connectionId, database: db }),
    call('catalog.load', { connectionId, database: db }),
    call('tree.relations', { connectionId, database: db, schema: 'public' }),
  ];
}

/** Backends of `database` opened by Warden, from the server's own view. */
async function wardenBackends(database: string): Promise<number> {
  const r = await admin.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'Warden' AND datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
  return r.rows[0]?.n ?? -1;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.connect('postgres');
  db = server.unique('own_db');
  reader = server.unique('own_reader');
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.query(`CREATE ROLE ${reader} LOGIN`);
  const c = await server.connect(db);
  try {
    await c.query(`CREATE TABLE public.t1 (id int); CREATE TABLE public.t2 (id int); GRANT SELECT ON public.t1 TO ${reader}`);
  } finally {
    await c.end();
  }
  dir = await makeTempDir('own-server');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: '0.0.0-test', sealer: null, demo: false, connectTimeoutSeconds: 5 });
  const { host, port, user, password } = server.params;
  // why: prefer is Add server's default, and on a server without TLS every request of a first
  // open falls back to plain TCP at the same moment: the path a new user takes.
  const added = await value<{ id: string }>('connections.add', { host, port, user, password, database: 'postgres', sslmode: 'prefer', save: false });
  connectionId = added.id;
});

afterAll(async () => {
  await backend.close();
  await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
  await admin.query(`DROP ROLE IF EXISTS ${reader}`).catch(() => undefined);
  await admin.end();
  await dir.remove();
  await server.stop();
});

describe('an added server, opened as the UI opens it', () => {
  it('answers the first-open requests sent at once, 50 rounds, with no failure and no hang', async () => {
    for (let round = 0; round < 50; round++) {
      const replies = await within(15_000, `round ${round}`, Promise.all(firstOpen()));
      const failed = replies.filter((r) => !r.ok);
      expect(failed, `round ${round}`).toEqual([]);
    }
    const catalog = await value<{ relations: { name: string }[] }>('catalog.load', { connectionId, database: db });
    expect(catalog.relations.map((r) => r.name).sort()).toEqual(['t1', 't2']);
  }, 120_000);

  it('answers them while an Apply runs on the same server, 50 rounds', async () => {
    for (let round = 0; round < 50; round++) {
      const kind = round % 2 === 0 ? 'grantTable' : 'revokeTable';
      const change = { kind, database: db, schema: 'public', table: 't2', privileges: ['INSERT'], grantee: { kind: 'role', name: reader } };
      const fingerprint = (await value<{ fingerprint: string }>('changes.preview', { connectionId, changes: [change] })).fingerprint;
      const [applied, ...reads] = await within(20_000, `round ${round}`, Promise.all([call('changes.apply', { connectionId, changes: [change], fingerprint }), ...firstOpen()]));
      expect(applied.ok && (applied.value as { outcome: string }).outcome, `round ${round}`).toBe('applied');
      expect(reads.filter((r) => !r.ok), `round ${round}`).toEqual([]);
    }
  }, 180_000);

  it('runs 20 concurrent reads on one server in parallel, all answered', async () => {
    let peak = 0;
    const state = { done: false };
    const watch = (async () => {
      while (!state.done) {
        peak = Math.max(peak, await wardenBackends(db));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const reads = Array.from({ length: 20 }, () => call('catalog.load', { connectionId, database: db }));
    const replies = await within(30_000, '20 reads', Promise.all(reads));
    state.done = true;
    await watch;
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    expect(peak).toBeGreaterThan(1);
  }, 60_000);

  it('opens at most 2 connections to a database when its matrix is opened', async () => {
    const other = server.unique('own_fresh');
    await admin.query(`CREATE DATABASE ${other}`);
    try {
      // The server is open already (tree, roles); now the user clicks a database.
      await value('tree.databases', { connectionId });
      const replies = await Promise.all([call('tree.schemas', { connectionId, database: other }), call('catalog.load', { connectionId, database: other })]);
      expect(replies.filter((r) => !r.ok)).toEqual([]);
      // Pooled connections stay open (idle) for 30 s, so this counts every one opened.
      const opened = await wardenBackends(other);
      expect(opened).toBeGreaterThan(0);
      expect(opened).toBeLessThanOrEqual(2);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
    }
  });

  it('keeps its pools while the settings are unchanged, and requests in flight finish when they change', async () => {
    await value('tree.databases', { connectionId });
    const before = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'Warden' AND datname = 'postgres'");
    await Promise.all(Array.from({ length: 10 }, () => value('roles.list', { connectionId })));
    const after = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'Warden' AND datname = 'postgres'");
    // The same backends served the later requests: nothing was closed and reopened.
    expect(after.rows.map((r) => r.pid).sort()).toEqual(expect.arrayContaining(before.rows.map((r) => r.pid).sort()));

    // A new password (the same one) is a settings change by the book: in-flight requests
    // must still finish on their old pool, later ones get a new pool.
    const inFlight = firstOpen();
    const changed = call('connections.setPassword', { connectionId, password: server.params.password });
    const replies = await within(15_000, 'requests across a settings change', Promise.all([...inFlight, changed, ...firstOpen()]));
    expect(replies.filter((r) => !r.ok)).toEqual([]);
  });
});
