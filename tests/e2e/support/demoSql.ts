import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';

/** Runs SQL on the demo server of a session as its superuser, as another DBA (or psql) would. */
export async function runOnDemo(dir: string, page: Page, sql: string, database = 'datatweets'): Promise<void> {
  const state = JSON.parse(await readFile(join(dir, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
  const port = Number(/127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('.app-header').innerText())?.[1]);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: state.superuserPassword, database });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
