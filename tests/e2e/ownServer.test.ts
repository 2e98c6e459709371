import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, matrixGrid, openWhy, whyPanel } from './support/matrix';
import { addServerByUrl, expandItem, otherMajor, selectItem, useOwnServer, treeItem } from './support/ownServers';
import { useAppSession } from './support/session';
import { applyStaged, stagedScript } from './support/stagedChanges';

// why: the demo server is not the path a user takes first: their own server is. This walks
// it as a DBA would, through roles and labels only, on another PostgreSQL major than the demo.

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
const own = useOwnServer('shop', otherMajor());

beforeAll(() => {
  page = session().page;
});

const rolesList = () => page.getByRole('list', { name: 'Roles' });
const cellLabel = async (role: string, relation: string) => (await matrixCell(page, role, relation).getAttribute('aria-label')) ?? '';

describe(`a server the user adds (PostgreSQL ${otherMajor()})`, () => {
  it('is added by its URL and shows its databases in the tree', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    await addServerByUrl(page, own().url, 'Shop server', true);
    await expandItem(page, 'Shop server');
    await expect.poll(() => treeItem(page, own().database).count(), { timeout: 30_000 }).toBe(1);
  });

  it('opens its database: tree, roles, the matrix with the right cells, and the why panel', async () => {
    await expandItem(page, own().database);
    await expect.poll(() => treeItem(page, 'shop').count()).toBe(1);
    await expect.poll(() => rolesList().getByRole('listitem', { name: /^shop_clerk\b/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await rolesList().getByRole('listitem', { name: /^shop_clerks\b/ }).getAttribute('aria-label')).toMatch(/group/);
    await expect.poll(() => matrixGrid(page).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: `Privilege matrix · ${own().database}` }).count()).toBe(1);
    await expect.poll(() => cellLabel('shop_clerk', 'shop.orders'), { timeout: 30_000 }).toBe('shop_clerk on shop.orders: SELECT');
    expect(await cellLabel('shop_clerk', 'shop.items')).toMatch(/^shop_clerk on shop\.items: (nothing|no privileges|—)/i);
    await openWhy(page, 'shop_clerk', 'shop.orders');
    expect(await whyPanel(page).innerText()).toContain('shop_clerks');
  });

  it('stages a grant, applies it, and the matrix shows it', async () => {
    await openWhy(page, 'shop_clerk', 'shop.items');
    await whyPanel(page).getByRole('button', { name: 'Grant INSERT', exact: true }).click();
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE shop.items TO shop_clerk;');
    await applyStaged(page, 'Shop server');
    await expect.poll(() => cellLabel('shop_clerk', 'shop.items'), { timeout: 30_000 }).toBe('shop_clerk on shop.items: INSERT');
  });

  it('shows a slow catalog read with its progress and a Cancel that stops it on the server', async () => {
    const release = await own().blockCatalogReads();
    try {
      await page.getByRole('button', { name: 'Reload', exact: true }).click();
      const progress = page.getByRole('status').filter({ hasText: 'Reading the catalog…' });
      const cancel = progress.getByRole('button', { name: 'Cancel', exact: true });
      await expect.poll(() => cancel.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toContain('still waiting for the server…');
      // The server is really waiting on one read of the catalog: the matrix's and the
      // findings' (Reload asks for both) share it.
      await expect.poll(() => own().lockWaiters(), { timeout: 10_000 }).toBe(1);
      await cancel.click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Cancelled' }).count(), { timeout: 10_000 }).toBe(1);
      expect(await progress.count()).toBe(0);
      // The findings still wait for it, so the server goes on; their own Cancel stops it.
      expect(await own().lockWaiters()).toBe(1);
      const slow = page.getByRole('status', { name: 'Slow requests' }).getByRole('listitem').filter({ hasText: 'Checking the access setup' });
      await expect.poll(() => slow.count(), { timeout: 10_000 }).toBe(1);
      await slow.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect.poll(() => own().lockWaiters(), { timeout: 10_000 }).toBe(0);
    } finally {
      await release();
    }
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Cancelled' }).count(), { timeout: 30_000 }).toBe(0);
    expect(await cellLabel('shop_clerk', 'shop.items')).toBe('shop_clerk on shop.items: INSERT');
  }, 60_000);

  it('is added by its fields too', async () => {
    const { host, port, user, password } = own().server.params;
    await page.getByRole('button', { name: 'Add server', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add server' });
    await dialog.getByLabel('Host').fill(host);
    await dialog.getByLabel('Port').fill(String(port));
    await dialog.getByLabel('User').fill(user);
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByLabel('Database').fill('postgres');
    await dialog.getByLabel('Name', { exact: true }).fill('Shop by fields');
    await dialog.getByRole('checkbox', { name: 'Remember this server' }).uncheck();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expandItem(page, 'Shop by fields');
    // why: when this fails, what the tree shows says why (an error, a subtree still loading).
    await expect
      .poll(() => treeItem(page, own().database).count(), { timeout: 30_000 })
      .toBe(2)
      .catch(async (err: unknown) => {
        throw new Error(`${String(err)}\nThe tree shows:\n${(await page.getByRole('tree').innerText()).replace(/\n/g, ' ')}`);
      });
  });

  it('is remembered after a restart, asking for its password again in browser mode', async () => {
    const app = await session().restart();
    await page.goto(app.url);
    await expect.poll(() => treeItem(page, 'Shop server').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    // Not remembered: gone.
    expect(await treeItem(page, 'Shop by fields').count()).toBe(0);
    await selectItem(page, 'Shop server');
    const form = page.getByRole('form', { name: 'Password for Shop server' });
    await expect.poll(() => form.count(), { timeout: 20_000 }).toBe(1);
    await form.getByLabel(`Password for ${own().server.params.user}`).fill(own().server.params.password);
    await form.getByRole('button', { name: 'Use password' }).click();
    await expandItem(page, 'Shop server');
    await expect.poll(() => treeItem(page, own().database).count(), { timeout: 30_000 }).toBe(1);
    await selectItem(page, own().database);
    await expect.poll(() => cellLabel('shop_clerk', 'shop.orders'), { timeout: 30_000 }).toBe('shop_clerk on shop.orders: SELECT');
    // why: a restart starts the demo server again, which takes a while on a loaded CI machine.
  }, 180_000);

  it('is removed', async () => {
    await page.getByLabel('Current server').selectOption({ label: `Shop server — ${own().server.params.user}@127.0.0.1:${own().server.params.port}` });
    await page.getByRole('button', { name: 'Remove server', exact: true }).click();
    await expect.poll(() => treeItem(page, 'Shop server').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => treeItem(page, 'Demo server').count()).toBe(1);
  });
});
