import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { parseCsv } from '../../src/shared/privileges/matrixRows';
import { runOnDemo } from './support/demoSql';
import { matrixCell, openWhy, whyPanel } from './support/matrix';
import { expandItem, selectItem, treeItem, treeItemIn } from './support/ownServers';
import { useAppSession } from './support/session';

// The role view and the table view on the demo (issue 13, item 4): report_bot is in
// readonly WITH INHERIT TRUE, SET FALSE, and in auditors WITH INHERIT FALSE; auditors may
// read sales, readonly users. The views must say so, the graph must show both edges'
// options, and the CSVs must hold the same rows.

// why: screenshots are for looking at while developing, not for docs/.
const shotDir = process.env.WARDEN_E2E_SHOTS ?? '/tmp';

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const dialog = () => page.getByRole('dialog');
const roleItem = (name: string) => page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: new RegExp(`^${name},`) });

async function download(button: Locator): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), rows: parseCsv(await readFile(await file.path(), 'utf8')) };
}

describe('the role view and the table view on the demo', () => {
  it('report_bot joins readonly (INHERIT TRUE, SET FALSE) and auditors (INHERIT FALSE) outside Warden', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'datatweets').count(), { timeout: 90_000 }).toBe(1);
    for (const sql of [
      'CREATE ROLE report_bot LOGIN',
      'CREATE ROLE auditors NOLOGIN',
      'GRANT readonly TO report_bot WITH INHERIT TRUE, SET FALSE',
      'GRANT auditors TO report_bot WITH INHERIT FALSE',
      'GRANT SELECT ON sales TO auditors',
    ]) {
      await runOnDemo(session().dir, page, sql);
    }
    await selectItem(page, 'datatweets');
    await page.getByRole('button', { name: 'Reload' }).first().click();
    await expect.poll(() => matrixCell(page, 'report_bot', 'public.users').count(), { timeout: 30_000 }).toBe(1);
  });

  it("opens report_bot's role view from the roles list: the graph shows each edge's INHERIT and SET", async () => {
    await expect.poll(() => roleItem('report_bot').count(), { timeout: 30_000 }).toBe(1);
    await roleItem('report_bot').getByRole('button', { name: 'Role view of report_bot' }).click();
    await expect.poll(() => dialog().getByRole('heading', { name: 'Role view · report_bot · datatweets' }).count()).toBe(1);
    const graph = dialog().getByRole('img', { name: /^Membership graph of report_bot: 2 groups above, 0 members below$/ });
    await expect.poll(() => graph.count(), { timeout: 30_000 }).toBe(1);
    // The edges' labels, drawn on the graph.
    const labels = await graph.locator('.graph-edge-label').allTextContents();
    expect(labels.sort()).toEqual(['INHERIT, NO SET', 'NO INHERIT, SET']);
    expect(await graph.locator('.graph-edge.is-noinherit').count()).toBe(1);
    // The same edges in the text table for screen readers.
    const table = dialog().getByRole('table', { name: 'Memberships of report_bot' });
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()).slice(0, 6).join(' '))).toEqual(
      expect.arrayContaining(['group above report_bot readonly TRUE FALSE FALSE', 'group above report_bot auditors FALSE TRUE FALSE']),
    );
  });

  it('says report_bot can SELECT users via readonly, and nothing on sales (auditors does not pass it on)', async () => {
    const relations = dialog().getByRole('region', { name: 'Tables, views and sequences' });
    const users = relations.getByRole('row', { name: /^public users table/ });
    await expect.poll(() => users.count()).toBe(1);
    expect(await users.innerText()).toMatch(/SELECT\s*·\s*group readonly/);
    expect(await relations.getByRole('row', { name: /^public sales / }).count()).toBe(0);
    const db = dialog().getByRole('region', { name: 'Database and schemas' });
    expect(await db.getByRole('row', { name: /^datatweets database/ }).innerText()).toMatch(/CONNECT TEMPORARY\s*·\s*PUBLIC/);
    await page.screenshot({ path: join(shotDir, 'warden-role-view.png') });
    // The filter asks the worker for the matching rows only.
    await relations.getByLabel('Filter relations').fill('sales');
    await expect.poll(() => relations.getByText('No relation matches the filter.').count()).toBe(1);
    await relations.getByLabel('Filter relations').fill('USERS');
    await expect.poll(() => users.count()).toBe(1);
    // Another database: rights are per database.
    await dialog().getByLabel('Database', { exact: true }).selectOption('postgres');
    await expect.poll(() => db.getByRole('row', { name: /^postgres database/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await relations.getByText('report_bot holds no privilege on any relation here.').count()).toBe(1);
    await dialog().getByLabel('Database', { exact: true }).selectOption('datatweets');
    await expect.poll(() => users.count(), { timeout: 30_000 }).toBe(1);
  });

  it('exports the role view and its memberships as CSV', async () => {
    const rights = await download(dialog().getByRole('button', { name: 'Export CSV', exact: true }));
    expect(rights.name).toBe('datatweets-report_bot-role.csv');
    expect(rights.rows[0]).toEqual(['role', 'object_type', 'schema', 'object', 'privilege', 'is_grantable', 'via', 'grant_option_via']);
    expect(rights.rows).toContainEqual(['report_bot', 'table', 'public', 'users', 'SELECT', 'NO', 'group readonly', '']);
    expect(rights.rows).toContainEqual(['report_bot', 'database', '', 'datatweets', 'CONNECT', 'NO', 'PUBLIC', '']);
    expect(rights.rows.filter((r) => r[3] === 'sales')).toEqual([]);
    const members = await download(dialog().getByRole('button', { name: 'Export memberships CSV' }));
    expect(members.rows.slice(1).sort()).toEqual([
      ['up', 'report_bot', 'auditors', 'NO', 'YES', 'NO', 'postgres', 'NO'],
      ['up', 'report_bot', 'readonly', 'YES', 'NO', 'NO', 'postgres', 'NO'],
    ]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('opens the table view of users from the tree: every role that can touch it, and how', async () => {
    await expandItem(page, 'datatweets');
    const schema = treeItemIn(page, 'datatweets', 'public');
    await expandItem(page, schema);
    await selectItem(page, schema.getByRole('treeitem', { name: 'users', exact: true }));
    await page.getByRole('button', { name: 'Table view: who can use users' }).click();
    await expect.poll(() => dialog().getByRole('heading', { name: 'Table view · public.users' }).count()).toBe(1);
    const row = (role: string) => dialog().getByRole('row', { name: new RegExp(`^${role} `) });
    await expect.poll(() => row('report_bot').count(), { timeout: 30_000 }).toBe(1);
    expect(await row('report_bot').innerText()).toMatch(/user\s+SELECT\s*·\s*group readonly\s+yes\s+yes/);
    expect(await row('readwrite').innerText()).toMatch(/SELECT INSERT UPDATE DELETE\s*·\s*direct grant/);
    expect(await row('datatweets').innerText()).toMatch(/\(grantable\)\s*·\s*owner/);
    expect(await row('data_viewer').innerText()).toMatch(/superuser/);
    expect(await row('auditors').count()).toBe(0);
    await page.screenshot({ path: join(shotDir, 'warden-table-view.png') });
    const csv = await download(dialog().getByRole('button', { name: 'Export CSV' }));
    expect(csv.name).toBe('datatweets-public-users-access.csv');
    expect(csv.rows).toContainEqual(['public', 'users', 'report_bot', 'user', 'SELECT', 'NO', 'group readonly', '', 'YES', 'YES']);
    expect(csv.rows).toContainEqual(['public', 'users', 'readonly', 'group', 'SELECT', 'NO', 'direct grant', '', 'YES', 'YES']);
    expect(csv.rows.filter((r) => r[2] === 'auditors')).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it("is reachable from a cell's why panel too", async () => {
    await openWhy(page, 'report_bot', 'public.sales');
    await whyPanel(page).getByRole('button', { name: 'Table view of public.sales' }).click();
    const row = (role: string) => dialog().getByRole('row', { name: new RegExp(`^${role} `) });
    await expect.poll(() => row('auditors').count(), { timeout: 30_000 }).toBe(1);
    expect(await row('report_bot').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it("opens readonly's role view from its matrix header: its members below, each edge with its options", async () => {
    await page.getByLabel('Filter by role or table name').fill('');
    const header = page.getByRole('grid', { name: 'Privilege matrix' }).getByRole('rowheader').filter({ hasText: /^◆?\s*readonly/ });
    await expect.poll(() => header.count(), { timeout: 20_000 }).toBe(1);
    await header.hover();
    await header.getByRole('button', { name: 'Role view of readonly' }).click();
    const graph = dialog().getByRole('img', { name: 'Membership graph of readonly: 0 groups above, 2 members below' });
    await expect.poll(() => graph.count(), { timeout: 30_000 }).toBe(1);
    const edges = await graph.locator('.graph-edge').evaluateAll((gs) => gs.map((g) => g.querySelector('title')?.textContent ?? ''));
    expect(edges.sort()).toEqual(['data_viewer → readonly: INHERIT, SET; granted by postgres', 'report_bot → readonly: INHERIT, NO SET; granted by postgres']);
    await page.screenshot({ path: join(shotDir, 'warden-role-view-group.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
  });
});
