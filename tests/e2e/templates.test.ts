import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixGrid } from './support/matrix';
import { applyStaged, stagedPanel } from './support/stagedChanges';
import { useAppSession } from './support/session';

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const item = (name: string) => page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name, exact: true });
const panel = () => stagedPanel(page);
const scriptText = async () => (await panel().getByLabel('SQL script').textContent()) ?? '';
const dialog = () => page.getByRole('dialog');
const grid = () => matrixGrid(page);
const optionCount = (label: string, value: string) => dialog().getByLabel(label).locator(`option[value="${value}"]`).count();

/** Opens Schema access and chooses datatweets.user_data, the group and the template. */
async function chooseSchemaAccess(group: string, template: 'Read-only' | 'Read-write') {
  await page.getByRole('button', { name: 'Schema access…' }).click();
  await expect.poll(() => dialog().isVisible()).toBe(true);
  await expect.poll(() => optionCount('Database', 'datatweets'), { timeout: 20_000 }).toBe(1);
  await dialog().getByLabel('Database').selectOption('datatweets');
  await expect.poll(() => optionCount('Schema', 'user_data'), { timeout: 20_000 }).toBe(1);
  await dialog().getByLabel('Schema').selectOption('user_data');
  await expect.poll(() => optionCount('Group', group), { timeout: 20_000 }).toBe(1);
  await dialog().getByLabel('Group').selectOption(group);
  await dialog().getByRole('radio', { name: template }).check();
}

describe('schema access templates on the demo server', () => {
  it('stages read-only access to datatweets.user_data for readonly, including future tables', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => item('datatweets').count(), { timeout: 60_000 }).toBe(1);
    await chooseSchemaAccess('readonly', 'Read-only');
    const note = dialog().getByRole('note');
    await expect.poll(() => note.innerText(), { timeout: 20_000 }).toMatch(/tables datatweets creates there later/);
    await dialog().getByRole('button', { name: 'Stage access' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT USAGE ON SCHEMA user_data TO readonly;');
    const sql = await scriptText();
    expect(sql).toContain('GRANT SELECT ON ALL TABLES IN SCHEMA user_data TO readonly;');
    expect(sql).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT SELECT ON TABLES TO readonly;');
    expect(sql).not.toMatch(/DROP/);
  });

  it('applies it, and the matrix shows readonly may SELECT user_data.users', async () => {
    await applyStaged(page);

    await item('datatweets').click();
    await expect.poll(() => grid().count(), { timeout: 30_000 }).toBe(1);
    const cell = grid().getByRole('gridcell', { name: /^readonly on user_data\.users:/ });
    await expect.poll(() => cell.getAttribute('aria-label'), { timeout: 30_000 }).toBe('readonly on user_data.users: SELECT');
  });

  it('gives readwrite read-write access to user_data with the template, and the matrix shows it', async () => {
    await chooseSchemaAccess('readwrite', 'Read-write');
    await dialog().getByRole('button', { name: 'Stage access' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT USAGE ON SCHEMA user_data TO readwrite;');
    const sql = await scriptText();
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA user_data TO readwrite;');
    expect(sql).toMatch(/GRANT [A-Z, ]*USAGE[A-Z, ]* ON ALL SEQUENCES IN SCHEMA user_data TO readwrite;/);
    expect(sql).toContain('ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO readwrite;');
    expect(sql).not.toMatch(/DROP|TRUNCATE/);

    await applyStaged(page);
    const cell = grid().getByRole('gridcell', { name: /^readwrite on user_data\.users:/ });
    await expect.poll(() => cell.getAttribute('aria-label'), { timeout: 30_000 }).toBe('readwrite on user_data.users: SELECT INSERT UPDATE DELETE');
  });

  it('stages and applies a new schema owned by datatweets', async () => {
    await page.getByRole('button', { name: 'New schema' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await expect.poll(() => optionCount('Database', 'datatweets'), { timeout: 20_000 }).toBe(1);
    await dialog().getByLabel('Database').selectOption('datatweets');
    await dialog().getByLabel('Name').fill('reports');
    await expect.poll(() => optionCount('Owner', 'datatweets'), { timeout: 20_000 }).toBe(1);
    await dialog().getByLabel('Owner').selectOption('datatweets');
    await dialog().getByRole('button', { name: 'Stage schema' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('CREATE SCHEMA reports AUTHORIZATION datatweets;');
  });
});
