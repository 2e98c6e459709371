import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentMajor } from '../support/testServer';
import { addServerByUrl, expandItem, selectItem, startOwnServer, treeItem, type OwnServer } from './support/ownServers';
import { useAppSession } from './support/session';

// why: a large reply (findings.list on a big catalog is megabytes of JSON) is parsed and
// checked in the page's reply worker, not on its main thread. 700 logins without a password
// make a findings list of ~0.7 MB, above the worker's threshold (replyReader.ts).

const logins = 700;

const session = useAppSession({ width: 1280, height: 900 });
let page: Page;
let own: OwnServer | undefined;
beforeAll(async () => {
  page = session().page;
  own = await startOwnServer('bigreply', currentMajor);
  const c = await own.server.connect(own.database);
  try {
    await c.query(Array.from({ length: logins }, (_, i) => `CREATE ROLE zz_login_${String(i + 1).padStart(3, '0')} LOGIN`).join(';\n'));
  } finally {
    await c.end();
  }
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

describe('a findings list of 700 findings', () => {
  it('is read in the reply worker and shown whole: every login without a password, each marked in the roles list', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    if (own === undefined) throw new Error('The server did not start; see the hook error.');
    await addServerByUrl(page, own.url, 'Busy server', false);
    await expandItem(page, 'Busy server');
    await selectItem(page, own.database);
    const counts = page.getByRole('region', { name: 'Findings' }).getByRole('status', { name: 'Findings by severity' });
    await expect.poll(() => counts.innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/\b\d+ high\b/);
    const high = Number(/(\d+) high\b/.exec(await counts.innerText())?.[1]);
    // Every one of them, plus the server's own login (postgres has a password here or not).
    expect(high).toBeGreaterThanOrEqual(logins);
    const worker = page.workers().find((w) => /replyWorker/.test(w.url()));
    expect(worker, page.workers().map((w) => w.url()).join(', ')).toBeDefined();
    // The findings list (and nothing smaller) went through it.
    expect(await worker?.evaluate(() => (self as unknown as { repliesRead: number }).repliesRead)).toBeGreaterThanOrEqual(1);
    const roles = page.getByRole('list', { name: 'Roles' });
    await roles.getByRole('listitem', { name: /^zz_login_001\b/ }).scrollIntoViewIfNeeded();
    await expect.poll(() => roles.getByRole('listitem', { name: /^zz_login_001\b/ }).getByRole('img', { name: /worst high/ }).count()).toBe(1);
  });
});
