import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { runCli } from '../../src/main/cli/run';
import { asAnotherDba } from './support/demoSql';
import { matrixGrid } from './support/matrix';
import { useAppSession } from './support/session';

// Download CSV in browser mode (issue 11.4): the backend's worker streams the CSV into the
// browser's download while the page shows roles and rows, and Cancel cuts it off.

const screenshotPath = join(tmpdir(), 'warden-e2e-csv-progress.png');
const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
/** The demo server's port and superuser password (from the page's header and the demo's state file). */
let demo: { port: number; password: string };

/**
 * A database of 2,000 users reading 1,500 tables (3 M rows, ~125 MB of CSV): long enough for
 * the page's progress polls (every 250 ms) to see rows being written several times.
 */
const big = 'csvbig';

beforeAll(async () => {
  page = session().page;
  await page.goto(session().app.url);
  const tree = page.getByRole('tree', { name: 'Database objects' });
  await tree.getByRole('treeitem', { name: 'datatweets', exact: true }).waitFor({ timeout: 60_000 });
  const dataDir = join(session().dir, 'data');
  await asAnotherDba(page, dataDir, 'postgres', `CREATE DATABASE ${big}`, 'CREATE ROLE csv_readers', "DO $$ BEGIN FOR i IN 1..2000 LOOP EXECUTE format('CREATE ROLE csv_user%s IN ROLE csv_readers', i); END LOOP; END $$");
  await asAnotherDba(page, dataDir, big, "DO $$ BEGIN FOR i IN 1..1500 LOOP EXECUTE format('CREATE TABLE t%s (id int)', i); END LOOP; END $$", 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO csv_readers');
  const state = JSON.parse(await readFile(join(dataDir, 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
  demo = { port: Number(/127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('.app-header').innerText())?.[1]), password: state.superuserPassword };
  await page.reload();
  const db = tree.getByRole('treeitem', { name: big, exact: true });
  await db.waitFor({ timeout: 60_000 });
  await db.click();
  await matrixGrid(page).waitFor({ timeout: 60_000 });
});

/** The SHA-256 of what `cli matrix` prints for a database of the demo server (hashed as it streams: the CSV is ~125 MB). */
async function cliCsvHash(database: string): Promise<string> {
  const hash = createHash('sha256');
  const url = `postgres://postgres:${encodeURIComponent(demo.password)}@127.0.0.1:${demo.port}/${database}?sslmode=disable`;
  const code = await runCli(['matrix', '--url', url], {
    stdout: (t) => {
      hash.update(t);
    },
    stderr: () => undefined,
  });
  expect(code).toBe(0);
  return hash.digest('hex');
}

/** The SHA-256 of a file. */
async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const downloadButton = () => page.getByRole('button', { name: 'Download CSV' });
const cancelButton = () => page.getByRole('button', { name: 'Cancel CSV' });

/** In the page: records every text the CSV's progress line shows, from now on. */
const recordProgress = () => {
  const w = window as unknown as { csvTexts: string[] };
  w.csvTexts = [];
  const seen = () => {
    const text = document.querySelector('.csv-progress')?.textContent ?? '';
    if (text !== '' && w.csvTexts.at(-1) !== text) w.csvTexts.push(text);
  };
  new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
};

describe('Download CSV in browser mode', () => {
  it('streams the file the command line prints, showing roles and rows as it goes', async () => {
    await page.evaluate(recordProgress);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), downloadButton().click()]);
    expect(download.suggestedFilename()).toBe(`${big}-privileges.csv`);
    await expect.poll(() => page.locator('.csv-progress').count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath });
    expect(await fileHash(await download.path())).toBe(await cliCsvHash(big));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'CSV downloaded' }).innerText(), { timeout: 30_000 }).toMatch(/^CSV downloaded: 3,00\d,\d{3} rows\.$/);
    const texts = await page.evaluate(() => (window as unknown as { csvTexts: string[] }).csvTexts);
    const counts = texts.flatMap((t) => {
      const m = /^Writing CSV… ([\d,]+) of ([\d,]+) roles, ([\d,]+) rows/.exec(t);
      return m === null ? [] : [{ done: Number(m[1]?.replace(/,/g, '')), total: Number(m[2]?.replace(/,/g, '')), rows: Number(m[3]?.replace(/,/g, '')) }];
    });
    expect(counts.length, texts.join(' | ')).toBeGreaterThan(0);
    expect(counts.some((c) => c.done < c.total)).toBe(true);
    expect(counts.map((c) => c.rows)).toEqual(counts.map((c) => c.rows).sort((a, b) => a - b));
    expect(await downloadButton().isEnabled()).toBe(true);
  });

  it('Cancel cuts the download off (it fails, no file is kept), and Download CSV works again', async () => {
    await withCatalogHeld(async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), downloadButton().click()]);
      await expect.poll(() => page.locator('.csv-progress').innerText(), { timeout: 10_000 }).toContain('Reading the catalog for the CSV');
      await cancelButton().click();
      expect(await download.failure()).not.toBeNull();
      await expect(download.path()).rejects.toThrow();
      await expect.poll(() => downloadButton().isEnabled()).toBe(true);
      expect(await page.getByRole('status').filter({ hasText: 'CSV cancelled' }).innerText()).toBe('CSV cancelled: the download was stopped.');
    });
    const [again] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), downloadButton().click()]);
    expect(await fileHash(await again.path())).toBe(await cliCsvHash(big));
  });

  it('the browser’s own Cancel stops the export, and the page offers Download CSV again', async () => {
    await withCatalogHeld(async () => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), downloadButton().click()]);
      await download.cancel();
      expect(await download.failure()).toBe('canceled');
      await expect.poll(() => downloadButton().isEnabled(), { timeout: 20_000 }).toBe(true);
      expect(await page.getByRole('status').filter({ hasText: 'CSV cancelled' }).innerText()).toBe('CSV cancelled: The download was stopped in the browser before it ended.');
      expect(await page.getByRole('alert').filter({ hasText: 'CSV' }).count()).toBe(0);
    });
  });
});

describe('an export while the matrix moves on', () => {
  it('goes on when the matrix shows another database: a bar follows it, and the file is whole', async () => {
    const tree = page.getByRole('tree', { name: 'Database objects' });
    const bar = page.getByRole('region', { name: 'CSV exports' });
    let download: Download | undefined;
    await withCatalogHeld(async () => {
      [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), downloadButton().click()]);
      await expect.poll(() => page.locator('.csv-progress').innerText(), { timeout: 10_000 }).toContain('Reading the catalog for the CSV');
      await tree.getByRole('treeitem', { name: 'datatweets', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Privilege matrix · datatweets' }).count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => bar.innerText(), { timeout: 10_000 }).toContain(`CSV of ${big}: Reading the catalog for the CSV`);
      expect(await bar.getByRole('button', { name: 'Cancel CSV' }).isEnabled()).toBe(true);
    });
    if (download === undefined) throw new Error('no download started');
    expect(await download.failure()).toBeNull();
    expect(await fileHash(await download.path())).toBe(await cliCsvHash(big));
    await expect.poll(() => bar.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`^CSV of ${big}: CSV downloaded: 3,00\\d,\\d{3} rows\\.`));
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => bar.count()).toBe(0);
    await tree.getByRole('treeitem', { name: big, exact: true }).click();
    await expect.poll(() => downloadButton().isEnabled(), { timeout: 30_000 }).toBe(true);
  });
});

/**
 * Runs `fn` while another session holds pg_namespace exclusively in the big database.
 * why: the export's catalog read waits on it, so the download stays open (headers sent,
 * no bytes) until Cancel, however fast the machine.
 */
async function withCatalogHeld(fn: () => Promise<void>): Promise<void> {
  const locker = new pg.Client({ host: '127.0.0.1', port: demo.port, user: 'postgres', password: demo.password, database: big });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE pg_catalog.pg_namespace IN ACCESS EXCLUSIVE MODE');
    await fn();
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}
