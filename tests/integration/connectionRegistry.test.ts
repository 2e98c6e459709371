import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { loadCatalogPooled } from '../../src/main/backend/catalog/loadPooled';
import { ConnectionRegistry } from '../../src/main/backend/connectionRegistry';
import { RequestTracker } from '../../src/main/backend/requests';
import { UserError } from '../../src/shared/api/errors';
import { startTestServer, type TestServer } from '../support/testServer';

// why: pg-pool takes its 'error' listener off a client while it is checked out. A client
// held between two queries (apply's transactions, the catalog's second connection) whose
// server connection dies must not end the process with an unhandled 'error' event.

let server: TestServer;
let registry: ConnectionRegistry;

beforeAll(async () => {
  server = await startTestServer();
  registry = new ConnectionRegistry(5);
});

afterAll(async () => {
  await registry.closeAll();
  await server.stop();
});

describe('a checked-out client whose connection dies between queries', () => {
  it('does not crash the process; its next query fails instead', async () => {
    const { host, port, user, password } = server.params;
    const params = { host, port, user, password, database: 'postgres', sslmode: 'disable' as const };
    const held = await registry.acquire('t', params, 'postgres');
    const pid = (await held.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const admin = await server.connect('postgres');
    try {
      expect((await admin.query('SELECT pg_terminate_backend($1) AS ok', [pid])).rows[0]).toEqual({ ok: true });
    } finally {
      await admin.end();
    }
    // Give the client time to see its socket close (the moment the unguarded 'error' fired).
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(held.client.query('SELECT 1')).rejects.toThrow();
    held.release();
    // The pool goes on working with a fresh connection.
    const again = await registry.withClient('t', params, 'postgres', (c) => c.query<{ one: number }>('SELECT 1 AS one'));
    expect(again.rows[0]).toEqual({ one: 1 });
  });
});

describe('loading a catalog with a second connection that cannot share the snapshot', () => {
  it('falls back to one connection and gives the same snapshot', async () => {
    const { host, port, user, password } = server.params;
    const params = { host, port, user, password, database: 'postgres', sslmode: 'disable' as const };
    const admin = await server.connect('postgres');
    const otherDb = server.unique('warden_other');
    await admin.query(`CREATE DATABASE ${otherDb}`);
    try {
      // A "spare" connection to another database: SET TRANSACTION SNAPSHOT refuses it, as it
      // would a connection that a pooler sent to another server.
      const elsewhere = await server.connect(otherDb);
      let spareUsed = false;
      const registryWithWrongSpare = {
        requests: registry.requests,
        withClient: registry.withClient.bind(registry),
        spare: () => {
          spareUsed = true;
          return Promise.resolve({ client: elsewhere, release: () => undefined });
        },
      } as unknown as ConnectionRegistry;
      const snapshot = await loadCatalogPooled(registryWithWrongSpare, 't', params, 'postgres');
      await elsewhere.end();
      expect(spareUsed).toBe(true);
      expect(snapshot.database.name).toBe('postgres');
      const direct = await registry.withClient('t', params, 'postgres', (c) => loadCatalog(c));
      expect(snapshot).toEqual(direct);
      // And the refusal itself is real: the two-connection read fails on its own.
      const again = await server.connect(otherDb);
      await expect(registry.withClient('t', params, 'postgres', (c) => loadCatalog(c, { relationsClient: again }))).rejects.toThrow(/snapshot/i);
      await again.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${otherDb} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('requests that wait or run too long', () => {
  const paramsOf = () => {
    const { host, port, user, password } = server.params;
    return { host, port, user, password, database: 'postgres', sslmode: 'disable' as const };
  };

  it('cancels a running query on the server when its request is cancelled', async () => {
    const requests = new RequestTracker();
    const reg = new ConnectionRegistry(5, { requests });
    try {
      const running = requests.run('slow-1', 'test', () => reg.withClient('c', paramsOf(), 'postgres', (c) => c.query("SELECT pg_sleep(30), 'warden-cancel-probe'")));
      const outcome = running.then(
        () => 'finished',
        (err: unknown) => (err instanceof UserError ? err.code : String(err)),
      );
      const admin = await server.connect('postgres');
      try {
        await expect.poll(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%warden-cancel-probe%' AND pid <> pg_backend_pid()")).rowCount).toBe(1);
        expect(await requests.cancel('slow-1')).toBe(true);
        expect(await outcome).toBe('cancelled');
        // The server stopped it: no backend is still sleeping.
        await expect.poll(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%warden-cancel-probe%' AND pid <> pg_backend_pid()")).rowCount).toBe(0);
      } finally {
        await admin.end();
      }
      expect(await requests.cancel('slow-1')).toBe(false);
      // The pool goes on working.
      expect((await reg.withClient('c', paramsOf(), 'postgres', (c) => c.query<{ one: number }>('SELECT 1 AS one'))).rows[0]).toEqual({ one: 1 });
    } finally {
      await reg.closeAll();
    }
  });

  it('says in plain words when no connection comes free in time, and a cancelled wait ends at once', async () => {
    const requests = new RequestTracker();
    const reg = new ConnectionRegistry(5, { requests, acquireTimeoutSeconds: 1 });
    const held = await Promise.all(Array.from({ length: 4 }, () => reg.acquire('c', paramsOf(), 'postgres')));
    try {
      await expect(reg.withClient('c', paramsOf(), 'postgres', (c) => c.query('SELECT 1'))).rejects.toThrow(/All 4 of Warden's connections .* stayed busy for 1 seconds/);
      const waiting = requests.run('wait-1', 'test', () => reg.withClient('c', paramsOf(), 'postgres', (c) => c.query('SELECT 1')));
      const outcome = waiting.then(
        () => 'finished',
        (err: unknown) => (err instanceof UserError ? err.code : String(err)),
      );
      expect(await requests.cancel('wait-1')).toBe(true);
      expect(await outcome).toBe('cancelled');
    } finally {
      for (const h of held) h.release();
    }
    expect((await reg.withClient('c', paramsOf(), 'postgres', (c) => c.query<{ one: number }>('SELECT 1 AS one'))).rows[0]).toEqual({ one: 1 });
    expect(reg.stats().pools).toBe(1);
    await reg.closeAll();
  });

  it('reports how many relations a catalog load has read', async () => {
    const admin = await server.connect('postgres');
    const many = server.unique('warden_many');
    await admin.query(`CREATE DATABASE ${many}`);
    try {
      const c = await server.connect(many);
      await c.query(`DO $$ BEGIN FOR i IN 1..4100 LOOP EXECUTE format('CREATE TABLE t%s ()', i); END LOOP; END $$`);
      await c.end();
      const requests = new RequestTracker();
      const reg = new ConnectionRegistry(5, { requests });
      try {
        const seen = await requests.run('load-1', 'catalog.load', async () => {
          await loadCatalogPooled(reg, 'c', paramsOf(), many);
          return requests.status(['load-1', 'unknown-id']);
        });
        expect(seen).toEqual([{ requestId: 'load-1', method: 'catalog.load', elapsedMs: expect.any(Number) as number, progress: '4,000 relations read' }]);
      } finally {
        await reg.closeAll();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${many} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('sslmode=prefer on a server that speaks no TLS', () => {
  it('falls back to plain TCP for every request of a first open sent at once, not only the first', async () => {
    const fresh = new ConnectionRegistry(5);
    try {
      const { host, port, user, password } = server.params;
      const params = { host, port, user, password, database: 'postgres', sslmode: 'prefer' as const };
      const replies = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => fresh.withClient('p', params, i % 2 === 0 ? 'postgres' : 'template1', (c) => c.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'))),
      );
      const failures = replies.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
      expect(failures).toEqual([]);
      for (const r of replies) if (r.status === 'fulfilled') expect(r.value.rows[0]).toEqual({ ssl: false });
    } finally {
      await fresh.closeAll();
    }
  });
});
