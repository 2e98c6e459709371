import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, openWhy as openWhyOf, whyPanel } from './support/matrix';
import { useAppSession } from './support/session';
import { applyStaged, stagedScript } from './support/stagedChanges';

// why: tall enough that the why panel's toggles and column form show whole in the screenshots.
const session = useAppSession({ width: 1440, height: 1400 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const cell = (role: string, relation: string) => matrixCell(page, role, relation);
const why = () => whyPanel(page);
const scriptText = () => stagedScript(page);
const cellLabel = async (role: string, relation: string) => (await cell(role, relation).getAttribute('aria-label')) ?? '';

const openWhy = (role: string, relation: string) => openWhyOf(page, role, relation);

describe('grant options and column privileges from the matrix', () => {
  it('shows the matrix of datatweets', async () => {
    await page.goto(session().app.url);
    const datatweets = page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'datatweets', exact: true });
    await expect.poll(() => datatweets.count(), { timeout: 60_000 }).toBe(1);
    await datatweets.click();
    await expect.poll(() => cell('readonly', 'public.sales').count(), { timeout: 30_000 }).toBe(1);
  });

  it('stages SELECT WITH GRANT OPTION, applies it, and the cell shows the grant option', async () => {
    await openWhy('readonly', 'public.sales');
    const option = why().getByRole('button', { name: 'Grant SELECT with grant option', exact: true });
    expect(await option.getAttribute('aria-pressed')).toBe('false');
    await option.click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT SELECT ON TABLE public.sales TO readonly WITH GRANT OPTION;');
    expect(await option.getAttribute('aria-pressed')).toBe('true');
    expect(await cellLabel('readonly', 'public.sales')).toMatch(/, change staged$/);
    await why().getByRole('list', { name: 'Privileges of readonly on public.sales' }).screenshot({ path: '/tmp/warden-why-grant-option.png' });
    await applyStaged(page);
    await expect.poll(() => cellLabel('readonly', 'public.sales'), { timeout: 30_000 }).toBe('readonly on public.sales: SELECT, all with grant option');
    expect(await cell('readonly', 'public.sales').innerText()).toContain('r*');
    await expect.poll(() => why().getByRole('button', { name: 'Revoke grant option for SELECT', exact: true }).count()).toBe(1);
    expect(await why().innerText()).toContain('may grant it to others');
    await page.screenshot({ path: '/tmp/warden-grant-option-applied.png' });
  });

  it('stages a grant on chosen columns, applies it, and the why panel lists the column privileges', async () => {
    await openWhy('readwrite', 'public.accounts');
    const columns = why().getByRole('region', { name: 'Column privileges of readwrite' });
    await expect.poll(() => columns.innerText(), { timeout: 20_000 }).toContain('None of its own');
    await columns.getByText('Grant or revoke on columns…').click();
    const pick = columns.getByRole('group', { name: 'Columns' });
    await pick.getByRole('checkbox', { name: 'balance', exact: true }).check();
    await pick.getByRole('checkbox', { name: 'opened_on', exact: true }).check();
    await columns.getByRole('group', { name: 'Privileges' }).getByRole('checkbox', { name: 'UPDATE', exact: true }).check();
    await columns.getByRole('button', { name: 'Stage column grant' }).click();
    await expect
      .poll(scriptText, { timeout: 20_000 })
      .toContain('GRANT SELECT (balance, opened_on), UPDATE (balance, opened_on) ON TABLE public.accounts TO readwrite;');
    expect(await cellLabel('readwrite', 'public.accounts')).toMatch(/, change staged$/);
    expect(await columns.getByRole('list', { name: 'Staged column changes' }).innerText()).toContain('(balance, opened_on)');
    await columns.screenshot({ path: '/tmp/warden-why-columns-staged.png' });
    await applyStaged(page);
    const held = columns.getByRole('list', { name: 'Column privileges of readwrite on public.accounts' });
    await expect.poll(async () => ((await held.count()) === 0 ? '' : held.innerText()), { timeout: 30_000 }).toContain('balance: SELECT, UPDATE');
    expect(await held.innerText()).toContain('opened_on: SELECT, UPDATE');
    expect(await cellLabel('readwrite', 'public.accounts')).not.toMatch(/change staged/);
    await columns.screenshot({ path: '/tmp/warden-why-columns-applied.png' });
  });
});
