import { request, type IncomingMessage } from 'node:http';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { runCli } from '../../src/main/cli/run';
import { startHttpTransport, type HttpTransport } from '../../src/main/transports/http';
import { exportDownloadPrefix, type ExportStatus, type Input, type Method, type Output } from '../../src/shared/api/contract';
import type { Envelope } from '../../src/shared/api/envelope';
import { parseCsv } from '../../src/shared/privileges/matrixRows';
import { quoteIdent as q } from '../../src/shared/sql/quote';
import { buildExportWorker } from '../support/exportWorkerBuild';
import { buildHostileCatalog, type HostileCatalog } from '../support/hostileCatalog';
import { signIn, type SignedInClient } from '../support/httpSignIn';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, type TestServer } from '../support/testServer';

// Download CSV as the backend runs it (issue 11.4): a worker thread reads the catalog and
// streams the CLI's CSV into the file chosen first (the desktop's path, with a fake dialog:
// the Electron binary is not needed for main's logic) or into browser mode's download.

let server: TestServer;
let hostile: HostileCatalog;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let desktop: Backend;
let browser: Backend;
let http: HttpTransport;
let client: SignedInClient;
/** What the fake save dialog answers next (null: the user closed it), and the names it was offered. */
let answer: string | null = null;
const offered: string[] = [];
let desktopId: string;
let browserId: string;
/** A database large enough (~25 MB of CSV) to watch progress, backpressure and Cancel mid-way. */
let bulk: { database: string; roles: string[]; drop: () => Promise<void> };
let worker: Awaited<ReturnType<typeof buildExportWorker>>;

async function call<M extends Method>(backend: Backend, method: M, input: Input<M>): Promise<Envelope<unknown>> {
  return backend.dispatch(method, input);
}
async function value<M extends Method>(backend: Backend, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await call(backend, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Output<M>;
}

/** Polls an export's status until `done` says so (every state seen is kept). */
async function until(backend: Backend, jobId: string, done: (s: ExportStatus) => boolean, seen: ExportStatus[] = [], timeoutMs = 60_000): Promise<ExportStatus> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await value(backend, 'export.status', { jobId });
    seen.push(s);
    if (done(s)) return s;
    if (Date.now() > end) throw new Error(`The export did not get there within ${timeoutMs} ms: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
const ended = (s: ExportStatus) => s.state === 'done' || s.state === 'failed' || s.state === 'cancelled';

/** What `cli matrix` prints for a database. */
async function cliCsv(database: string, ...more: string[]): Promise<string> {
  let out = '';
  const decoder = new TextDecoder();
  const code = await runCli(['matrix', '--url', server.url(database), ...more], {
    stdout: (t) => {
      out += typeof t === 'string' ? t : decoder.decode(t, { stream: true });
    },
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return out;
}

/** A GET of browser mode's download, as the page's link does (signed in, same origin). */
function download(jobId: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: http.port, path: `${exportDownloadPrefix}/${jobId}`, headers: { cookie: `${client.sessionCookie.name}=${client.sessionCookie.value}`, 'sec-fetch-site': 'same-origin', ...headers } },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}
/** The whole body, or the error that cut it off. */
function body(res: IncomingMessage): Promise<{ text: string } | { error: string }> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    res.on('end', () => resolve({ text: Buffer.concat(parts).toString('utf8') }));
    res.on('error', (err) => resolve({ error: err.message }));
    res.on('aborted', () => resolve({ error: 'aborted' }));
  });
}

/** The server sessions Warden holds on a database (the worker's included). */
async function wardenSessions(database: string): Promise<number> {
  const admin = await server.connect('postgres');
  try {
    const r = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'Warden' AND datname = $1", [database]);
    return r.rows[0]?.n ?? -1;
  } finally {
    await admin.end();
  }
}

async function buildBulk(): Promise<typeof bulk> {
  const database = server.unique('csv_bulk');
  const group = server.unique('bulk_readers');
  const roles = Array.from({ length: 500 }, (_, i) => `${group}_u${i}`);
  const admin = await server.connect('postgres');
  await admin.query(`CREATE DATABASE ${q(database)}`);
  await admin.query(`CREATE ROLE ${q(group)}`);
  await admin.query(`DO $$ BEGIN FOR i IN 0..499 LOOP EXECUTE format('CREATE ROLE %I IN ROLE %I', ${pgText(group)} || '_u' || i, ${pgText(group)}); END LOOP; END $$`);
  await admin.end();
  const db = await server.connect(database);
  await db.query(`DO $$ BEGIN FOR i IN 1..1200 LOOP EXECUTE format('CREATE TABLE t_%s (id int)', i); END LOOP; END $$`);
  await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${q(group)}`);
  await db.end();
  return {
    database,
    roles,
    drop: async () => {
      const c = await server.connect('postgres');
      await c.query(`DROP DATABASE IF EXISTS ${q(database)} WITH (FORCE)`);
      await c.query(`DO $$ BEGIN FOR i IN 0..499 LOOP EXECUTE format('DROP ROLE IF EXISTS %I', ${pgText(group)} || '_u' || i); END LOOP; END $$`);
      await c.query(`DROP ROLE IF EXISTS ${q(group)}`);
      await c.end();
    },
  };
}
const pgText = (s: string) => `'${s.replace(/'/g, "''")}'`;

beforeAll(async () => {
  server = await startTestServer();
  [hostile, bulk] = await Promise.all([buildHostileCatalog(server, 11, { roles: 16, relations: 30 }), buildBulk()]);
  dir = await makeTempDir('csv-export');
  worker = await buildExportWorker();
  const exportWorker = worker.url;
  const { host, port, user, password } = server.params;
  const common = { version: '0.0.0-test', sealer: null, demo: false, connectTimeoutSeconds: 5, exportWorker };
  desktop = createBackend({
    ...common,
    dataDir: join(dir.path, 'desktop'),
    mode: 'electron',
    chooseExportFile: (name) => {
      offered.push(name);
      return Promise.resolve(answer);
    },
  });
  browser = createBackend({ ...common, dataDir: join(dir.path, 'browser'), mode: 'browser', exportLimits: { waitMs: 1500 } });
  const add = { name: 'test server', host, port, user, password, database: 'postgres', sslmode: 'disable' as const, save: false };
  desktopId = (await value(desktop, 'connections.add', add)).id;
  browserId = (await value(browser, 'connections.add', add)).id;
  http = await startHttpTransport({ dispatch: browser.dispatch, downloads: browser.downloads, staticDir: dir.path, port: 0 });
  client = await signIn(http.signInUrl());
});

afterAll(async () => {
  await http.close();
  await desktop.close();
  await browser.close();
  await Promise.all([hostile.drop(), bulk.drop()]);
  await server.stop();
  await dir.remove();
  await worker.remove();
});

describe('desktop: the file is chosen first, then the worker streams into it', () => {
  it('writes byte for byte what cli matrix prints, private to its owner, and leaves no temp file', async () => {
    const folder = join(dir.path, 'plain');
    await mkdir(folder, { recursive: true });
    answer = join(folder, 'chosen.csv');
    const started = await value(desktop, 'export.start', { connectionId: desktopId, database: hostile.database });
    expect(started).toMatchObject({ outcome: 'started', delivery: 'file', path: answer });
    expect(offered.at(-1)).toMatch(/^[\w.-]+-privileges\.csv$/);
    if (started.outcome !== 'started') throw new Error('not started');
    const last = await until(desktop, started.jobId, ended);
    const csv = await readFile(answer, 'utf8');
    expect(csv).toBe(await cliCsv(hostile.database));
    expect(last).toMatchObject({ state: 'done', message: null, path: answer, bytes: Buffer.byteLength(csv), rows: parseCsv(csv).length - 1 });
    expect(last.rolesDone).toBe(last.rolesTotal);
    expect((await stat(answer)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['chosen.csv']);
  });

  it('one schema only, as cli matrix --schema prints it', async () => {
    answer = join(dir.path, 'plain', 'public.csv');
    const started = await value(desktop, 'export.start', { connectionId: desktopId, database: hostile.database, schema: 'public' });
    if (started.outcome !== 'started') throw new Error('not started');
    expect(started.fileName).toMatch(/-public-privileges\.csv$/);
    expect(await until(desktop, started.jobId, ended)).toMatchObject({ state: 'done' });
    expect(await readFile(answer, 'utf8')).toBe(await cliCsv(hostile.database, '--schema', 'public'));
  });

  it('reports roles and rows while it runs, growing, on a 25 MB export', async () => {
    answer = join(dir.path, 'plain', 'bulk.csv');
    const started = await value(desktop, 'export.start', { connectionId: desktopId, database: bulk.database });
    if (started.outcome !== 'started') throw new Error('not started');
    const seen: ExportStatus[] = [];
    const last = await until(desktop, started.jobId, ended, seen);
    expect(last.state).toBe('done');
    const midway = seen.filter((s) => s.state === 'running' && s.rolesDone > 0 && s.rolesDone < s.rolesTotal);
    expect(midway.length).toBeGreaterThan(0);
    const rows = seen.map((s) => s.rows);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(last.rows).toBeGreaterThanOrEqual(500 * 1200);
    expect(last.bytes).toBe((await stat(answer)).size);
  });

  it('does nothing when the save dialog is closed', async () => {
    answer = null;
    expect(await value(desktop, 'export.start', { connectionId: desktopId, database: hostile.database })).toEqual({ outcome: 'cancelled' });
  });

  it('Cancel stops the worker while it reads the catalog: no file, an older file untouched, its sessions end', async () => {
    const folder = join(dir.path, 'cancel');
    await mkdir(folder, { recursive: true });
    answer = join(folder, 'older.csv');
    await writeFile(answer, 'the older file\n');
    // why: a session holding pg_namespace exclusively keeps the worker's catalog read waiting.
    const locker = await server.connect(hostile.database);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE pg_catalog.pg_namespace IN ACCESS EXCLUSIVE MODE');
      const started = await value(desktop, 'export.start', { connectionId: desktopId, database: hostile.database });
      if (started.outcome !== 'started') throw new Error('not started');
      await until(desktop, started.jobId, () => true);
      await expect.poll(() => wardenSessions(hostile.database), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await value(desktop, 'export.status', { jobId: started.jobId })).toMatchObject({ state: 'running', rolesTotal: 0, rows: 0 });
      expect(await value(desktop, 'export.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
      expect(await value(desktop, 'export.status', { jobId: started.jobId })).toMatchObject({ state: 'cancelled' });
      expect(await value(desktop, 'export.cancel', { jobId: started.jobId })).toEqual({ cancelled: false });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await readdir(folder)).toEqual(['older.csv']);
    expect(await readFile(answer, 'utf8')).toBe('the older file\n');
    await expect.poll(() => wardenSessions(hostile.database), { timeout: 20_000 }).toBe(0);
  });

  it('Cancel mid-way through a large export removes what was written', async () => {
    const folder = join(dir.path, 'midway');
    await mkdir(folder, { recursive: true });
    answer = join(folder, 'bulk.csv');
    const started = await value(desktop, 'export.start', { connectionId: desktopId, database: bulk.database });
    if (started.outcome !== 'started') throw new Error('not started');
    const at = await until(desktop, started.jobId, (s) => s.rows > 0 || ended(s));
    expect(at.state).toBe('running');
    expect(await value(desktop, 'export.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    expect(await readdir(folder)).toEqual([]);
  });

  it('says in plain words what went wrong: a schema that is not there, a folder that is gone, an unknown export', async () => {
    answer = join(dir.path, 'plain', 'nope.csv');
    const started = await value(desktop, 'export.start', { connectionId: desktopId, database: hostile.database, schema: 'nope' });
    if (started.outcome !== 'started') throw new Error('not started');
    expect(await until(desktop, started.jobId, ended)).toMatchObject({ state: 'failed', message: `The database "${hostile.database}" has no schema called "nope".` });
    expect(await readdir(join(dir.path, 'plain'))).not.toContain('nope.csv');
    answer = join(dir.path, 'gone', 'x.csv');
    const gone = await call(desktop, 'export.start', { connectionId: desktopId, database: hostile.database });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found', message: `The folder of ${answer} does not exist any more; choose another one.` } });
    expect(await call(desktop, 'export.status', { jobId: 'no-such-export' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('browser mode: the page downloads a streamed response', () => {
  it('streams byte for byte what cli matrix prints, as an attachment, once', async () => {
    const started = await value(browser, 'export.start', { connectionId: browserId, database: hostile.database });
    expect(started).toMatchObject({ outcome: 'started', delivery: 'download', path: null });
    if (started.outcome !== 'started') throw new Error('not started');
    expect(await value(browser, 'export.status', { jobId: started.jobId })).toMatchObject({ state: 'waiting' });
    const res = await download(started.jobId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${started.fileName}"`);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(await body(res)).toEqual({ text: await cliCsv(hostile.database) });
    expect(await until(browser, started.jobId, ended)).toMatchObject({ state: 'done' });
    const again = await download(started.jobId);
    expect(again.statusCode).toBe(404);
    await body(again);
  });

  it('refuses a download started from another site, and forgets one never begun', async () => {
    const started = await value(browser, 'export.start', { connectionId: browserId, database: hostile.database });
    if (started.outcome !== 'started') throw new Error('not started');
    const foreign = await download(started.jobId, { 'sec-fetch-site': 'cross-site' });
    expect(foreign.statusCode).toBe(403);
    await body(foreign);
    expect(await until(browser, started.jobId, ended, [], 10_000)).toMatchObject({ state: 'failed', message: 'The download did not begin within a minute; click Download CSV again.' });
  });

  it('waits for a slow reader (backpressure), and ends the worker when the browser goes away', async () => {
    const full = Buffer.byteLength(await cliCsv(bulk.database));
    const started = await value(browser, 'export.start', { connectionId: browserId, database: bulk.database });
    if (started.outcome !== 'started') throw new Error('not started');
    const res = await download(started.jobId);
    res.pause();
    // The worker runs ahead only as far as the socket's buffers and four chunks: then it
    // stops (no byte more in half a second) with most of the CSV still to write.
    let before = await value(browser, 'export.status', { jobId: started.jobId });
    let later = before;
    for (let tries = 0; tries < 60; tries++) {
      await new Promise((r) => setTimeout(r, 500));
      later = await value(browser, 'export.status', { jobId: started.jobId });
      if (later.bytes > 0 && later.bytes === before.bytes) break;
      before = later;
    }
    expect(later.bytes).toBe(before.bytes);
    expect(later.state).toBe('running');
    expect(later.bytes).toBeLessThan(full / 2);
    res.destroy();
    expect(await until(browser, started.jobId, ended)).toMatchObject({ state: 'cancelled', message: 'The download was stopped in the browser before it ended.' });
  });

  it('Cancel cuts the download off, so the browser cannot keep a truncated file', async () => {
    const started = await value(browser, 'export.start', { connectionId: browserId, database: bulk.database });
    if (started.outcome !== 'started') throw new Error('not started');
    const res = await download(started.jobId);
    const reading = body(res);
    await until(browser, started.jobId, (s) => s.bytes > 0);
    expect(await value(browser, 'export.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    expect(await reading).toEqual({ error: 'aborted' });
  });
});
