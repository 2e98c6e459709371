import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';

/**
 * Runs SQL on the demo server of a session as its superuser, as another DBA in psql would:
 * each string is one query (CREATE DATABASE cannot share a query with other statements).
 * The port is read from the page's header, the password from the demo's state file.
 */
export async function asAnotherDba(page: Page, dataDir: string, database: string, ...queries: string[]): Promise<void> {
  const state = JSON.parse(await readFile(join(dataDir, 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
  const port = Number(/127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('.app-header').innerText())?.[1]);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: state.superuserPassword, database });
  await client.connect();
  try {
    for (const sql of queries) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs one query on a database (default datatweets) of the demo server of a session folder. */
export function runOnDemo(dir: string, page: Page, sql: string, database = 'datatweets'): Promise<void> {
  return asAnotherDba(page, join(dir, 'data'), database, sql);
}
