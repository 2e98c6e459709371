import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import type { Method } from '../../src/shared/api/contract';
import { makeTempDir } from '../support/tempDir';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let backend: Backend;
let admin: pg.Client;

async function value<T>(method: Method, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

interface Report {
  outcome: string;
  message: string;
  results: { index: number; status: string; statement?: string; message?: string }[];
  changedSincePreview: number[];
}

async function previewAndApply(changes: unknown[]): Promise<Report> {
  const preview = await value<{ fingerprint: string; problems: unknown[] }>('changes.preview', { connectionId: 'demo', changes });
  expect(preview.problems).toEqual([]);
  return value<Report>('changes.apply', { connectionId: 'demo', changes, fingerprint: preview.fingerprint });
}

const role = (name: string) => ({ kind: 'role', name });
const one = async <T extends pg.QueryResultRow>(sql: string): Promise<T | undefined> => (await admin.query<T>(sql)).rows[0];

beforeAll(async () => {
  dir = await makeTempDir('apply');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null });
  const ep = await backend.demo?.start();
  if (!ep) throw new Error('demo did not start');
  admin = new pg.Client({ ...ep, database: 'datatweets' });
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
  await backend.close();
  await dir.remove();
});

describe('changes.apply', () => {
  it('applies the lesson exercises and the server shows exactly their effect', async () => {
    const { verifier } = await value<{ verifier: string }>('password.hash', { connectionId: 'demo', password: 'r3p0rt' });
    const report = await previewAndApply([
      { kind: 'alterRole', name: 'data_viewer', superuser: false },
      { kind: 'createRole', name: 'report_bot', login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true },
      { kind: 'revokeTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: 'ALL', grantee: role('report_bot') },
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
      { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
    ]);
    expect(report.outcome).toBe('applied');
    expect(report.results.map((r) => r.status)).toEqual(['done', 'done', 'no-op', 'done', 'done']);
    expect(report.message).toMatch(/^4 applied; 1 changed nothing: Revoke ALL on public\.sales from report_bot\.( |$)/);
    expect(await one('SELECT rolsuper FROM pg_roles WHERE rolname = $$data_viewer$$')).toEqual({ rolsuper: false });
    expect(await one(`SELECT has_table_privilege('report_bot', 'public.sales', 'SELECT') AS s, has_table_privilege('report_bot', 'public.sales', 'INSERT') AS i,
                             has_table_privilege('report_bot', 'public.users', 'SELECT') AS u`)).toEqual({ s: true, i: false, u: false });
    expect(await one(`SELECT pg_get_userbyid(datdba) AS owner, has_database_privilege('report_bot', 'analytics', 'CONNECT') AS c,
                             has_database_privilege('report_bot', 'analytics', 'TEMPORARY') AS t FROM pg_database WHERE datname = 'analytics'`)).toEqual({ owner: 'postgres', c: false, t: false });
    // The password works, and only its verifier was ever sent.
    const ep = await backend.demo?.start();
    const bot = new pg.Client({ host: ep?.host, port: ep?.port, user: 'report_bot', password: 'r3p0rt', database: 'datatweets' });
    await bot.connect();
    await expect(bot.query('INSERT INTO sales (account_id, amount, region, sold_at) VALUES (1, 1, $$x$$, now())')).rejects.toThrow(/permission denied/);
    await bot.end();
    const log = backend.demo?.logFile;
    expect(log).toBeDefined();
    expect(await readFile(log ?? '', 'utf8')).not.toContain('r3p0rt');
  });

  it('reports a revoke of something never granted as a no-op', async () => {
    const report = await previewAndApply([
      { kind: 'revokeTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['INSERT'], grantee: role('readonly') },
    ]);
    expect(report).toMatchObject({ outcome: 'applied', results: [{ index: 0, status: 'no-op' }] });
    expect(report.message).toBe('Nothing changed; the change was already so: Revoke INSERT on public.accounts from readonly.');
  });

  it('applies nothing when one statement fails, and drops the database it created', async () => {
    const report = await previewAndApply([
      { kind: 'createRole', name: 'temp_writer', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true },
      { kind: 'createDatabase', name: 'half_done', owner: 'temp_writer' },
      { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'no_such_table', privileges: ['SELECT'], grantee: role('temp_writer') },
    ]);
    expect(report.outcome).toBe('failed');
    expect(report.results[2]).toMatchObject({ status: 'failed', statement: 'GRANT SELECT ON TABLE public.no_such_table TO temp_writer;' });
    expect(report.results[2]?.message).toMatch(/does not exist/);
    expect(report.message).toMatch(/^Nothing was applied/);
    expect(await one("SELECT count(*)::int AS n FROM pg_roles WHERE rolname = 'temp_writer'")).toEqual({ n: 0 });
    expect(await one("SELECT count(*)::int AS n FROM pg_database WHERE datname = 'half_done'")).toEqual({ n: 0 });
  });

  it('refuses to apply when the touched objects changed since the preview', async () => {
    const changes = [{ kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['SELECT'], grantee: role('readonly') }];
    const preview = await value<{ fingerprint: string }>('changes.preview', { connectionId: 'demo', changes });
    await admin.query('GRANT UPDATE ON accounts TO readwrite');
    const report = await value<Report>('changes.apply', { connectionId: 'demo', changes, fingerprint: preview.fingerprint });
    expect(report).toMatchObject({ outcome: 'drift', changedSincePreview: [0] });
    expect(await one(`SELECT has_table_privilege('readonly', 'public.accounts', 'SELECT') AS s`)).toEqual({ s: false });
  });

  it('refuses invalid changes without touching the server', async () => {
    const r = await value<{ outcome: string; problems: { message: string }[] }>('changes.apply', {
      connectionId: 'demo',
      changes: [{ kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'users', privileges: ['DROP'], grantee: role('readonly') }],
      fingerprint: '',
    });
    expect(r.outcome).toBe('invalid');
    expect(r.problems[0]?.message).toMatch(/DROP/);
  });
});
