import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { EmbeddedServer, freePort } from '../../src/main/demo/embeddedServer';
import type { Envelope } from '../../src/shared/api/envelope';
import { makeTempDir } from '../support/tempDir';

// why: faults a DBA meets with the app open: the server restarts, a session is killed
// (pg_terminate_backend, a pooler, a failover), Apply is pressed twice. Each must end in a
// plain answer and nothing done twice.

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let server: EmbeddedServer;
let backend: Backend;
let connectionId: string;
let port: number;
const password = randomBytes(18).toString('base64url');
const database = 'faults db';

const superuser = (db = 'postgres') => {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: db });
  c.on('error', () => undefined);
  return c;
};
const ok = (reply: Envelope<unknown>): unknown => {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
};

beforeAll(async () => {
  dir = await makeTempDir('faults');
  port = await freePort();
  server = new EmbeddedServer({ clusterDir: join(dir.path, 'cluster'), superuserPassword: password, port });
  await server.start();
  const c = superuser();
  await c.connect();
  await c.query(`CREATE DATABASE "${database}"`);
  await c.end();
  const d = superuser(database);
  await d.connect();
  await d.query('CREATE TABLE t (id int); CREATE ROLE reader');
  await d.end();
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false, connectTimeoutSeconds: 5 });
  const added = await backend.dispatch('connections.add', { host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', sslmode: 'disable', save: false });
  connectionId = (ok(added) as { id: string }).id;
}, 120_000);

afterAll(async () => {
  await backend.close();
  await server.stop();
  await dir.remove();
});

/** Warden's sessions on the test database, and those of them waiting for a lock. */
async function wardenSessions(): Promise<{ pid: number; waiting: boolean }[]> {
  const c = superuser();
  await c.connect();
  try {
    const r = await c.query<{ pid: number; waiting: boolean }>(
      `SELECT pid, wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE application_name = 'Warden' AND datname = $1`,
      [database],
    );
    return r.rows;
  } finally {
    await c.end();
  }
}

/** Waits until Warden's catalog read waits on the lock, then ends every Warden session on the database. */
async function killWhileLoading(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const sessions = await wardenSessions();
    if (sessions.some((s) => s.waiting)) {
      const c = superuser();
      await c.connect();
      await c.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) pid', [sessions.map((s) => s.pid)]);
      await c.end();
      return sessions.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the catalog read never waited on the lock');
}

/** Holds the lock every catalog read takes (pg_default_acl), as a long DDL transaction would. */
async function blockCatalogReads(): Promise<() => Promise<void>> {
  const locker = superuser(database);
  await locker.connect();
  await locker.query('BEGIN; LOCK TABLE pg_catalog.pg_default_acl IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await locker.query('ROLLBACK');
    await locker.end();
  };
}

describe('faults', () => {
  it('the server restarts while the app is open: the next action reconnects and says so', async () => {
    ok(await backend.dispatch('roles.list', { connectionId }));
    ok(await backend.dispatch('catalog.load', { connectionId, database }));
    await server.stop();
    await server.start();
    const reply = await backend.dispatch('roles.list', { connectionId });
    expect(reply.ok).toBe(true);
    expect(reply.ok && reply.notices).toEqual([expect.stringMatching(new RegExp(`^Warden reconnected to 127\\.0\\.0\\.1:${port}: .*restarted`))]);
    // Told once: the next request has nothing to say.
    const again = await backend.dispatch('roles.list', { connectionId });
    expect(again.ok && again.notices).toBeUndefined();
    // The other database's pool lost its connection too, and reconnects when next used.
    const catalog = await backend.dispatch('catalog.load', { connectionId, database });
    expect(catalog.ok).toBe(true);
  });

  it('a session killed during a catalog read: one retry, which succeeds, and the reply says so', async () => {
    const release = await blockCatalogReads();
    try {
      const loading = backend.dispatch('catalog.load', { connectionId, database });
      expect(await killWhileLoading()).toBeGreaterThan(0);
      // The retry waits on the same lock on a new session; let it through.
      for (let i = 0; i < 200 && !(await wardenSessions()).some((s) => s.waiting); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await release();
      const reply = await loading;
      expect(reply.ok && (reply.value as { relations: { name: string }[] }).relations.map((r) => r.name)).toEqual(['t']);
      expect(reply.ok && reply.notices).toEqual([expect.stringMatching(/^Warden reconnected to .*ended Warden's session/)]);
    } finally {
      await release().catch(() => undefined);
    }
  });

  it('killed again during the retry: a plain message, no third try', async () => {
    const release = await blockCatalogReads();
    try {
      const loading = backend.dispatch('catalog.load', { connectionId, database });
      await killWhileLoading();
      await killWhileLoading();
      const reply = await loading;
      expect(reply.ok).toBe(false);
      expect(!reply.ok && reply.error.code).toBe('connection_failed');
      expect(!reply.ok && reply.error.message).toMatch(/was lost twice while reading from it.*Try again/);
    } finally {
      await release();
    }
    // And the next read works.
    expect((await backend.dispatch('catalog.load', { connectionId, database })).ok).toBe(true);
  });

  it('Apply sent twice at once (a double click, two tabs) runs once; the later one meets the new state', async () => {
    const changes = [{ kind: 'grantTable', database, schema: 'public', table: 't', privileges: ['SELECT'], grantee: { kind: 'role', name: 'reader' } }];
    const { fingerprint } = ok(await backend.dispatch('changes.preview', { connectionId, changes })) as { fingerprint: string };
    const replies = await Promise.all([0, 1].map(() => backend.dispatch('changes.apply', { connectionId, changes, fingerprint })));
    const applied = replies.filter((r) => r.ok && (r.value as { outcome: string }).outcome === 'applied');
    const refused = replies.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(applied).toHaveLength(1);
    expect(refused).toEqual([{ code: 'not_ready', message: expect.stringMatching(new RegExp(`^Another Apply is running on 127\\.0\\.0\\.1:${port}; this one was not started`)) as unknown }]);
    // Pressed again with the same preview: the server changed since, so nothing runs twice.
    const again = ok(await backend.dispatch('changes.apply', { connectionId, changes, fingerprint })) as { outcome: string };
    expect(again.outcome).toBe('drift');
    const c = superuser(database);
    await c.connect();
    const acl = (await c.query<{ acl: string }>(`SELECT array_to_string(relacl, ',') AS acl FROM pg_class WHERE relname = 't'`)).rows[0]?.acl ?? '';
    await c.end();
    expect(acl.split(',').filter((item) => item.startsWith('reader='))).toEqual(['reader=r/postgres']);
  });
});
