import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, superuserWarning, whyPanel } from './support/matrix';
import { useAppSession } from './support/session';
import { applyStaged, stagedScript } from './support/stagedChanges';

// The lesson's superuser trap and its least-privilege exercise, fixed from the matrix and
// applied, with the matrix re-read from the server afterwards.

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const cellName = async (role: string, relation: string) => (await matrixCell(page, role, relation).getAttribute('aria-label')) ?? '';
const banner = () => superuserWarning(page);
const dialog = () => page.getByRole('dialog');

async function showOnly(relation: string): Promise<void> {
  await page.getByLabel('Filter by role or table name').fill(relation);
}

describe('the lesson on the demo server, through the UI', () => {
  it('fixes the data_viewer superuser trap and the matrix then shows what it was granted', async () => {
    await page.goto(session().app.url);
    const datatweets = page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'datatweets', exact: true });
    await expect.poll(() => datatweets.count(), { timeout: 60_000 }).toBe(1);
    await datatweets.click();
    await showOnly('public.users');
    await expect.poll(() => cellName('data_viewer', 'public.users'), { timeout: 30_000 }).toMatch(/superuser/);
    await banner().getByRole('button', { name: 'Stage this fix: take superuser away from data_viewer' }).click();
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    await applyStaged(page);
    await expect.poll(() => banner().count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => cellName('data_viewer', 'public.users'), { timeout: 30_000 }).toBe('data_viewer on public.users: SELECT');
    await showOnly('public.sales');
    await expect.poll(() => cellName('data_viewer', 'public.sales')).toBe('data_viewer on public.sales: no privileges');
  });

  it('lets report_bot read sales and nothing else', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    await dialog().getByLabel('Name').fill('report_bot');
    await dialog().getByLabel('Password', { exact: true }).fill('r3p0rt');
    await dialog().getByLabel('Repeat password').fill('r3p0rt');
    await dialog().getByRole('button', { name: 'Stage user' }).click();
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB');
    await applyStaged(page);
    await showOnly('public.sales');
    await expect.poll(() => cellName('report_bot', 'public.sales'), { timeout: 30_000 }).toBe('report_bot on public.sales: no privileges');
    await matrixCell(page, 'report_bot', 'public.sales').click();
    await whyPanel(page).getByRole('button', { name: 'Grant SELECT', exact: true }).click();
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT SELECT ON TABLE public.sales TO report_bot;');
    expect(await stagedScript(page)).not.toContain('r3p0rt');
    await applyStaged(page);
    await expect.poll(() => cellName('report_bot', 'public.sales'), { timeout: 30_000 }).toBe('report_bot on public.sales: SELECT');
    await showOnly('public.users');
    await expect.poll(() => cellName('report_bot', 'public.users')).toBe('report_bot on public.users: no privileges');
  });
});
