import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runOnDemo } from './support/demoSql';
import { matrixCell, whyPanel } from './support/matrix';
import { selectItem, treeItem } from './support/ownServers';
import { useAppSession } from './support/session';
import { stagedPanel, stagedScript } from './support/stagedChanges';

// Every action without a mouse: this file never clicks.

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const dialog = () => page.getByRole('dialog');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
const roles = () => page.getByRole('list', { name: 'Roles' });

describe('the keyboard alone', () => {
  it('opens the demo database from the tree', async () => {
    await page.goto(session().app.url);
    await selectItem(page, 'datatweets');
    await expect.poll(() => matrixCell(page, 'readonly', 'public.sales').count(), { timeout: 30_000 }).toBe(1);
  });

  it('lists the shortcuts with ?, and Escape gives focus back where it was', async () => {
    await treeItem(page, 'datatweets').focus();
    await page.keyboard.press('?');
    await expect.poll(() => dialog().getByRole('heading', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    const text = await dialog().innerText();
    for (const keys of ['/', 'Shift+R', 'Ctrl+Enter', 'Ctrl+Shift+E', 'r a w d D x t m U']) expect(text).toContain(keys);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('treeitem');
    expect(await treeItem(page, 'datatweets').evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('jumps to the filter with /, and typing there is not taken by shortcuts', async () => {
    await page.keyboard.press('/');
    await expect.poll(focused).toBe('Filter by role or table name');
    await page.keyboard.type('sales?/R');
    expect(await dialog().count()).toBe(0);
    expect(await page.getByLabel('Filter by role or table name').inputValue()).toBe('sales?/R');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sales');
  });

  it('stages and unstages a grant by typing its letter on a focused cell', async () => {
    const cell = matrixCell(page, 'readonly', 'public.sales');
    await expect.poll(() => cell.count()).toBe(1);
    await cell.focus();
    await page.keyboard.press('a');
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE public.sales TO readonly;');
    expect(await whyPanel(page).innerText()).toContain('Why readonly on public.sales');
    expect(await focused()).toMatch(/^readonly on public\.sales/);
    await page.keyboard.press('a');
    await expect.poll(() => stagedScript(page)).toBe('');
    await page.keyboard.press('a');
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE public.sales TO readonly;');
  });

  it('exports with Ctrl+Shift+E', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+Shift+E')]);
    expect(download.suggestedFilename()).toMatch(/^warden-demo-server-datatweets-\d{8}-\d{4}\.sql$/);
  });

  it('opens Apply with Ctrl+Enter, Escape returns to the cell, and applying from the keyboard works', async () => {
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog().getByRole('heading', { name: 'Apply changes' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await focused()).toMatch(/^readonly on public\.sales/);

    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog().getByRole('button', { name: 'Apply', exact: true }).count()).toBe(1);
    // Tab to the dialog's Apply button and press it.
    for (let i = 0; i < 5 && (await focused()) !== 'Apply'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Apply');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByRole('list', { name: 'Results' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await dialog().getByRole('status').innerText()).toBe('1 change applied.');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await focused()).toMatch(/^readonly on public\.sales/);
    expect(await stagedPanel(page).innerText()).toMatch(/Nothing staged/);
  });

  it('gives focus to the staged changes when the Apply button that opened the dialog is gone', async () => {
    const cell = matrixCell(page, 'readonly', 'public.sales');
    // The matrix was read again after Apply: readonly now holds INSERT, so 'a' stages its revoke.
    await expect.poll(() => cell.getAttribute('aria-label'), { timeout: 20_000 }).toMatch(/INSERT/);
    await cell.focus();
    await page.keyboard.press('a');
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('REVOKE INSERT ON TABLE public.sales FROM readonly;');
    const apply = stagedPanel(page).getByRole('button', { name: 'Apply…' });
    await expect.poll(() => apply.isEnabled(), { timeout: 20_000 }).toBe(true);
    await apply.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByRole('button', { name: 'Apply', exact: true }).count()).toBe(1);
    await dialog().getByRole('button', { name: 'Apply', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().getByRole('list', { name: 'Results' }).count(), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('changes-region');
  });

  it('reads the server again with Shift+R', async () => {
    await runOnDemo(session().dir, page, 'CREATE ROLE "kbd probe"');
    await treeItem(page, 'datatweets').focus();
    await page.keyboard.press('Shift+R');
    await expect.poll(() => roles().getByRole('listitem', { name: /^kbd probe,/ }).count(), { timeout: 20_000 }).toBe(1);
  });

  it('resizes a panel from its separator', async () => {
    const sep = page.getByRole('separator', { name: 'Resize the roles panel' });
    await sep.focus();
    const before = Number(await sep.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await sep.getAttribute('aria-valuenow'))).toBe(before - 16);
  });
});
