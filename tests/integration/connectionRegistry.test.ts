import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { loadCatalogPooled } from '../../src/main/backend/catalog/loadPooled';
import { ConnectionRegistry } from '../../src/main/backend/connectionRegistry';
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
