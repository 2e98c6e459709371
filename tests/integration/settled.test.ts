import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import type { Method } from '../../src/shared/api/contract';
import { runScript } from '../support/scriptRunner';
import { makeTempDir } from '../support/tempDir';

// "I ran this script: read the server again": changes.settled tells which staged changes are
// already true, trying each in a transaction that is rolled back.

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let backend: Backend;
let ep: { host: string; port: number; user: string; password: string };

async function value<T>(method: Method, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

const role = (name: string) => ({ kind: 'role', name });
const settled = async (changes: unknown[]) => (await value<{ settled: number[] }>('changes.settled', { connectionId: 'demo', changes })).settled;
const catalogState = async () => {
  const c = new pg.Client({ ...ep, database: 'datatweets' });
  await c.connect();
  try {
    const r = await c.query(`SELECT (SELECT json_agg(json_build_array(rolname, rolsuper) ORDER BY rolname) FROM pg_roles) AS roles,
      (SELECT json_agg(datname ORDER BY datname) FROM pg_database) AS dbs,
      (SELECT json_agg(relacl::text ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS acls`);
    return JSON.stringify(r.rows[0]);
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  dir = await makeTempDir('settled');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null });
  const started = await backend.demo?.start();
  if (!started) throw new Error('demo did not start');
  ep = started;
});

afterAll(async () => {
  await backend.close();
  await dir.remove();
});

describe('changes.settled', () => {
  it('finds nothing true before the script runs (but what was so already), and changes nothing itself', async () => {
    const { verifier } = await value<{ verifier: string }>('password.hash', { connectionId: 'demo', password: 'r3p0rt' });
    const lesson = [
      { kind: 'alterRole', name: 'data_viewer', superuser: false },
      { kind: 'createRole', name: 'report_bot', login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true },
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
      { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
      { kind: 'createGroup', bogus: true },
    ];
    const before = await catalogState();
    expect(await settled(lesson)).toEqual([]);
    expect(await catalogState()).toBe(before);
    // Already so from the start: a grant readonly holds, a revoke of something never granted.
    const alreadySo = [
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'users', privileges: ['SELECT'], grantee: role('readonly') },
      { kind: 'revokeTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['INSERT'], grantee: role('readonly') },
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['INSERT'], grantee: role('readonly') },
    ];
    expect(await settled(alreadySo)).toEqual([0, 1]);
    expect(await catalogState()).toBe(before);

    // The DBA runs the exported script of the first four, outside Warden.
    const preview = await value<{ script: string; problems: unknown[] }>('changes.preview', { connectionId: 'demo', changes: lesson.slice(0, 4) });
    expect(preview.problems).toEqual([]);
    const run = await runScript(preview.script, { ...ep, database: 'datatweets' });
    expect(run.ok, run.messages.join('\n')).toBe(true);

    // Now every one of them is true; the broken one and a new password never are.
    const newPassword = { kind: 'alterRole', name: 'datatweets', password: { kind: 'verifier', verifier } };
    expect(await settled([...lesson, newPassword, alreadySo[2]])).toEqual([0, 1, 2, 3]);
  });

  it('keeps a change staged when only part of what it needs is on the server', async () => {
    // report_bot exists now, but holds no UPDATE on sales.
    expect(await settled([{ kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT', 'UPDATE'], grantee: role('report_bot') }])).toEqual([]);
    expect(await settled([{ kind: 'dropRole', name: 'no such role here' }, { kind: 'dropRole', name: 'report_bot' }])).toEqual([0]);
  });
});
