import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { applyChanges, type HeldClient } from '../../src/main/backend/changes/apply';
import { changeSchema, type ChangeInput } from '../../src/shared/changes/schema';
import { makeTempDir } from '../support/tempDir';

// why: docs/architecture.md (edits) / issue 5: a connection lost during apply is settled by re-reading the
// catalog, never by running the changes again. The loss is injected at COMMIT, the one
// moment where the outcome cannot be known from the client: either the server committed
// and the reply was lost, or the COMMIT never arrived and the server rolled back.

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let backend: Backend;
let admin: pg.Client;
let endpoint: { host: string; port: number; user: string; password: string };

type Loss = 'after-commit' | 'before-commit';

/** Clients for applyChanges that fail the first COMMIT as `loss` says, and log every statement sent. */
function lossyAcquire(loss: Loss, log: string[]) {
  let armed = true;
  return async (database: string): Promise<HeldClient> => {
    const client = new pg.Client({ ...endpoint, database });
    await client.connect();
    const real = client.query.bind(client) as (text: unknown, values?: unknown) => Promise<pg.QueryResult>;
    const wrapped = async (text: unknown, values?: unknown): Promise<pg.QueryResult> => {
      const sql = typeof text === 'string' ? text : String((text as { text?: unknown }).text);
      log.push(sql);
      if (sql === 'COMMIT' && armed) {
        armed = false;
        if (loss === 'after-commit') await real('COMMIT');
        else await real('ROLLBACK');
        throw new Error('Connection terminated unexpectedly');
      }
      return real(text, values);
    };
    Object.assign(client, { query: wrapped });
    return { client, release: () => void client.end() };
  };
}

async function applyWithLoss(loss: Loss, inputs: ChangeInput[]) {
  const preview = await backend.dispatch('changes.preview', { connectionId: 'demo', changes: inputs });
  if (!preview.ok) throw new Error(preview.error.message);
  const { fingerprint } = preview.value as { fingerprint: string };
  const log: string[] = [];
  const report = await applyChanges(
    inputs.map((c) => changeSchema.parse(c)),
    fingerprint,
    { connectedDatabase: 'datatweets', serverMajor: 18, acquire: lossyAcquire(loss, log) },
  );
  const afterLoss = log.slice(log.indexOf('COMMIT') + 1);
  return { report, afterLoss };
}

const roleCount = async (name: string) => (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [name])).rows[0]?.n;
const newRole = (name: string): ChangeInput => ({ kind: 'createRole', name, login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true });

beforeAll(async () => {
  dir = await makeTempDir('apply-lost');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null });
  const ep = await backend.demo?.start();
  if (!ep) throw new Error('demo did not start');
  endpoint = ep;
  admin = new pg.Client({ ...ep, database: 'datatweets' });
  await admin.connect();
  const major = Math.floor(Number((await admin.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v) / 10000);
  if (major !== 18) throw new Error(`the demo server runs ${major}; this test passes serverMajor 18`);
});

afterAll(async () => {
  await admin.end();
  await backend.close();
  await dir.remove();
});

describe('a connection lost at COMMIT', () => {
  it('after the server committed: re-reads, reports the change done, and runs nothing again', async () => {
    const { report, afterLoss } = await applyWithLoss('after-commit', [
      newRole('lost reply'),
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'users', privileges: ['SELECT'], grantee: { kind: 'role', name: 'lost reply' } },
    ]);
    expect(report.message).toMatch(/connection was lost while committing; the server was re-read/);
    expect(report.results.map((r) => r.status)).toEqual(['done', 'done']);
    expect(await roleCount('lost reply')).toBe(1);
    expect((await admin.query("SELECT has_table_privilege('lost reply', 'public.users', 'SELECT') AS s")).rows[0]).toEqual({ s: true });
    // Only catalog reads after the loss: no CREATE, GRANT or COMMIT sent again.
    expect(afterLoss.length).toBeGreaterThan(0);
    expect(afterLoss.filter((sql) => !/^\s*(SELECT|WITH)\b/i.test(sql))).toEqual([]);
  });

  it('when the COMMIT never arrived: re-reads, says it cannot tell the change took effect, and runs nothing again', async () => {
    const { report, afterLoss } = await applyWithLoss('before-commit', [newRole('lost commit')]);
    expect(report.message).toMatch(/connection was lost while committing/);
    expect(report.results.map((r) => r.status)).toEqual(['unknown']);
    expect(await roleCount('lost commit')).toBe(0);
    expect(afterLoss.filter((sql) => !/^\s*(SELECT|WITH)\b/i.test(sql))).toEqual([]);
  });
});

describe('a lock held by another session', () => {
  it('fails the apply in plain words after the lock timeout, with nothing applied', async () => {
    const blocker = new pg.Client({ ...endpoint, database: 'datatweets' });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE public.accounts IN ACCESS EXCLUSIVE MODE');
      const inputs: ChangeInput[] = [
        newRole('waits for a lock'),
        { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['SELECT'], grantee: { kind: 'role', name: 'waits for a lock' } },
      ];
      const changes = inputs.map((c) => changeSchema.parse(c));
      const acquire = async (database: string): Promise<HeldClient> => {
        const client = new pg.Client({ ...endpoint, database });
        await client.connect();
        return { client, release: () => void client.end() };
      };
      // The fingerprint is read while the lock is held: the probes only read the catalog.
      const preview = await backend.dispatch('changes.preview', { connectionId: 'demo', changes: inputs });
      if (!preview.ok) throw new Error(preview.error.message);
      const { fingerprint } = preview.value as { fingerprint: string };
      const report = await applyChanges(changes, fingerprint, { connectedDatabase: 'datatweets', serverMajor: 18, acquire, lockTimeoutSeconds: 1 });
      expect(report.outcome).toBe('failed');
      expect(report.results[1]?.message).toMatch(/^Another session held a lock this change needed for 1 second \(/);
      expect(report.message).toMatch(/^Nothing was applied/);
      expect(await roleCount('waits for a lock')).toBe(0);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });
});
