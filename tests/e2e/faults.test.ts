import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { addServerByUrl, expandItem, selectItem, useOwnServer, treeItem } from './support/ownServers';
import { useAppSession } from './support/session';
import { stagedPanel, stagedScript } from './support/stagedChanges';
import { currentMajor } from '../support/testServer';

// why: faults with the app open (issue 12, item 8): a server that ends Warden's sessions (a
// restart, a failover) is reconnected to and the user is told; Apply and Export pressed
// twice run once.

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
const own = useOwnServer('fault', currentMajor);

beforeAll(() => {
  page = session().page;
});

const dialog = () => page.getByRole('dialog');
/** The API calls of one method the page sends from now on. */
function countCalls(method: string): { count: () => number; stop: () => void } {
  let n = 0;
  const listener = (request: Request) => {
    if (request.url().endsWith('/api/invoke') && (request.postData() ?? '').includes(`"method":"${method}"`)) n += 1;
  };
  page.on('request', listener);
  return { count: () => n, stop: () => page.off('request', listener) };
}

describe('faults with the app open', () => {
  it('a server that ended Warden\'s sessions: the next action reconnects, and the window says so', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    await addServerByUrl(page, own().url, 'Fault server', false);
    await expandItem(page, 'Fault server');
    await expect.poll(() => treeItem(page, own().database).count(), { timeout: 30_000 }).toBe(1);
    // What a restart does to a client: every session ends (57P01).
    const admin = await own().server.connect('postgres');
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'Warden'");
    } finally {
      await admin.end();
    }
    await expandItem(page, own().database);
    await expect.poll(() => treeItem(page, 'fault').count(), { timeout: 30_000 }).toBe(1);
    const notices = page.getByRole('status', { name: 'Connection notices' });
    await expect.poll(() => notices.count(), { timeout: 20_000 }).toBe(1);
    expect(await notices.innerText()).toMatch(new RegExp(`Warden reconnected to 127\\.0\\.0\\.1:${own().server.params.port}`));
    await notices.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notices.count()).toBe(0);
  });

  it('Export and Apply double-clicked run once', async () => {
    await selectItem(page, 'Demo server');
    await page.getByRole('button', { name: 'New group' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByLabel('Name').fill('twice_group');
    await dialog().getByRole('button', { name: 'Stage group' }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('CREATE ROLE twice_group');

    let downloads = 0;
    const onDownload = () => (downloads += 1);
    page.on('download', onDownload);
    await stagedPanel(page).getByRole('button', { name: 'Export .sql' }).dblclick();
    await expect.poll(() => downloads, { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    page.off('download', onDownload);
    expect(downloads).toBe(1);

    const applies = countCalls('changes.apply');
    await stagedPanel(page).getByRole('button', { name: 'Apply…' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Apply', exact: true }).dblclick();
    const results = dialog().getByRole('list', { name: 'Results' });
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(1);
    expect(await results.innerText()).toMatch(/Done/);
    applies.stop();
    expect(applies.count()).toBe(1);
    await dialog().getByRole('button', { name: 'OK', exact: true }).click();
  });
});
