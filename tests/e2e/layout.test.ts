import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clippedControls } from './support/layoutCheck';
import { matrixCell, matrixGrid, whyPanel } from './support/matrix';
import { selectItem, treeItem } from './support/ownServers';
import { useAppSession } from './support/session';
import { stagedPanel } from './support/stagedChanges';

// why: screenshots here are for looking at the layout (docs/ is refreshed by npm run screenshots).
const shot = (name: string) => join(tmpdir(), `warden-layout-${name}.png`);

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const box = async (selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  if (b === null) throw new Error(`${selector} is not on screen`);
  return b;
};
const separator = (name: string) => page.getByRole('separator', { name });

describe('room for the matrix', () => {
  it('opens the demo database with the server’s superuser warning and nothing staged', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'datatweets').count(), { timeout: 60_000 }).toBe(1);
    // The server's warning shows before any database is opened.
    const warning = page.getByRole('region', { name: 'A superuser besides postgres on this server' });
    await expect.poll(() => warning.count(), { timeout: 20_000 }).toBe(1);
    expect(await matrixGrid(page).count()).toBe(0);
    expect(await warning.getByRole('button', { name: 'Stage this fix: take superuser away from data_viewer' }).count()).toBe(1);
    // The roles list tells initdb's superuser (expected) from data_viewer (a risk, with its fix).
    const roles = page.getByRole('list', { name: 'Roles' });
    expect(await roles.getByRole('listitem', { name: /^postgres,/ }).getAttribute('aria-label')).toMatch(/superuser made by initdb \(expected\)/);
    const viewer = roles.getByRole('listitem', { name: /^data_viewer,/ });
    expect(await viewer.getAttribute('aria-label')).toMatch(/superuser: a risk/);
    expect(await viewer.getByRole('button', { name: 'Take superuser away from data_viewer' }).count()).toBe(1);
    expect(await roles.getByRole('listitem', { name: /^postgres,/ }).getByRole('button', { name: /take superuser away/ }).count()).toBe(0);
    await selectItem(page, 'datatweets');
    await expect.poll(() => matrixCell(page, 'readonly', 'public.users').count(), { timeout: 30_000 }).toBe(1);
    expect(await stagedPanel(page).innerText()).toMatch(/Nothing staged/);
  });

  it('gives the matrix most of a 1440×900 window when nothing is staged, the why panel’s buttons whole', async () => {
    const grid = await box('[role="grid"]');
    const matrix = await box('.matrix-panel');
    expect(matrix.height / 900).toBeGreaterThan(0.55);
    // Rows of 24 px under a 40 px header: many more than the four of old.
    expect(Math.floor((grid.height - 40) / 24)).toBeGreaterThanOrEqual(15);
    expect((await box('.changes-panel')).height).toBeLessThan(40);
    await matrixCell(page, 'readonly', 'public.users').click();
    await expect.poll(() => whyPanel(page).count()).toBe(1);
    expect(await clippedControls(page)).toEqual([]);
    await page.screenshot({ path: shot('1440x900') });
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`shows every control whole at ${width}×${height}`, async () => {
      await page.setViewportSize({ width, height });
      await expect.poll(() => clippedControls(page)).toEqual([]);
      expect((await box('[role="grid"]')).height).toBeGreaterThan(height * 0.35);
      await page.screenshot({ path: shot(`${width}x${height}`) });
    });
  }

  it('resizes and folds panels from the keyboard, and remembers it after a reload', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const tree = separator('Resize the servers panel');
    const before = Number(await tree.getAttribute('aria-valuenow'));
    await tree.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Number(await tree.getAttribute('aria-valuenow'))).toBe(before + 80);
    expect(Math.round((await box('#tree-panel')).width)).toBe(before + 80);
    await page.getByRole('button', { name: 'Hide the roles panel' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Roles' }).count()).toBe(0);
    const details = separator('Resize the details panel');
    await details.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Show the details panel' }).count()).toBe(1);
    const wider = (await box('[role="grid"]')).height;

    await page.reload();
    await expect.poll(() => matrixGrid(page).count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => separator('Resize the servers panel').getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe(String(before + 80));
    expect(await page.getByRole('button', { name: 'Show the roles panel' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Show the details panel' }).count()).toBe(1);
    await selectItem(page, 'datatweets');
    await expect.poll(async () => (await matrixGrid(page).boundingBox())?.height ?? 0, { timeout: 30_000 }).toBeCloseTo(wider, 0);

    await page.getByRole('button', { name: 'Show the roles panel' }).click();
    await page.getByRole('button', { name: 'Show the details panel' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Roles' }).count()).toBe(1);
  });

  it('unfolds the staged changes when something is staged, and folds them to one line when it is gone', async () => {
    await page.getByRole('button', { name: 'Stage this fix: take superuser away from data_viewer' }).click();
    await expect.poll(() => stagedPanel(page).getByLabel('SQL script').count()).toBe(1);
    await expect.poll(() => stagedPanel(page).getByLabel('SQL script').innerText()).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    expect((await box('.changes-panel')).height).toBeGreaterThan(100);
    expect(await clippedControls(page)).toEqual([]);
    const changes = separator('Resize the staged changes panel');
    const before = Number(await changes.getAttribute('aria-valuenow'));
    await changes.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await changes.getAttribute('aria-valuenow'))).toBe(before + 16);
    await page.screenshot({ path: shot('staged') });
    await stagedPanel(page).getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => stagedPanel(page).getByLabel('SQL script').count()).toBe(0);
    expect((await box('.changes-panel')).height).toBeLessThan(40);
  });
});
