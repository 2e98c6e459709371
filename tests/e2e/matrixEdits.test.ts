import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, openWhy as openWhyOf, superuserWarning, whyPanel } from './support/matrix';
import { useAppSession } from './support/session';

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const cell = (role: string, relation: string) => matrixCell(page, role, relation);
const why = () => whyPanel(page);
const panel = () => page.getByRole('region', { name: 'Staged changes' });
const scriptText = async () => ((await panel().count()) === 0 ? '' : ((await panel().getByLabel('SQL script').textContent()) ?? ''));

const openWhy = (role: string, relation: string) => openWhyOf(page, role, relation);

describe('editing privileges from the matrix', () => {
  it('shows the matrix of datatweets', async () => {
    await page.goto(session().app.url);
    const datatweets = page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'datatweets', exact: true });
    await expect.poll(() => datatweets.count(), { timeout: 60_000 }).toBe(1);
    await datatweets.click();
    await expect.poll(() => cell('readonly', 'public.accounts').count(), { timeout: 30_000 }).toBe(1);
  });

  it('grants SELECT on accounts to readonly, and marks the cell as staged', async () => {
    await openWhy('readonly', 'public.accounts');
    const grant = why().getByRole('button', { name: 'Grant SELECT', exact: true });
    expect(await grant.getAttribute('aria-pressed')).toBe('false');
    await grant.click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT SELECT ON TABLE public.accounts TO readonly;');
    await expect.poll(async () => (await cell('readonly', 'public.accounts').getAttribute('aria-label')) ?? '').toMatch(/, change staged$/);
    expect(await grant.getAttribute('aria-pressed')).toBe('true');
  });

  it('unstages the grant when its toggle is pressed again, and the cell looks as before', async () => {
    const grant = why().getByRole('button', { name: 'Grant INSERT', exact: true });
    await grant.click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE public.accounts TO readonly;');
    await page.screenshot({ path: '/tmp/warden-toggle-staged.png' });
    await grant.click();
    await expect.poll(() => grant.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(scriptText, { timeout: 20_000 }).not.toContain('GRANT INSERT');
    // The SELECT grant staged before is untouched, so the cell stays marked.
    expect(await scriptText()).toContain('GRANT SELECT ON TABLE public.accounts TO readonly;');
    const select = why().getByRole('button', { name: 'Grant SELECT', exact: true });
    await select.click();
    await expect.poll(() => select.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await cell('readonly', 'public.accounts').getAttribute('aria-label')) ?? '').not.toMatch(/change staged/);
    await select.click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('GRANT SELECT ON TABLE public.accounts TO readonly;');
  });

  // why: before readonly's own grant on users is revoked below: the matrix shows the staged
  // state, and once that revoke is staged data_viewer no longer gets SELECT from readonly.
  it('offers the real fixes when a revoke alone would change nothing', async () => {
    await openWhy('data_viewer', 'public.users');
    await why().getByRole('button', { name: 'Revoke SELECT', exact: true }).click();
    const fixes = why().getByRole('group', { name: 'Where SELECT comes from' });
    await expect.poll(() => fixes.innerText()).toContain('data_viewer is a superuser');
    expect(await fixes.innerText()).toContain('gets it from group readonly');
    expect(await fixes.getByRole('button', { name: 'Take SUPERUSER away from data_viewer' }).count()).toBe(1);
    expect(await fixes.getByRole('button', { name: 'Revoke SELECT from readonly (affects all its members)' }).count()).toBe(1);
    await fixes.getByRole('button', { name: 'Remove data_viewer from readonly' }).click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('REVOKE readonly FROM data_viewer;');
  });

  it('revokes a direct grant at once', async () => {
    await openWhy('readonly', 'public.users');
    const revoke = why().getByRole('button', { name: 'Revoke SELECT', exact: true });
    expect(await revoke.getAttribute('aria-pressed')).toBe('false');
    await revoke.click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('REVOKE SELECT ON TABLE public.users FROM readonly;');
    await expect.poll(async () => (await cell('readonly', 'public.users').getAttribute('aria-label')) ?? '').toMatch(/, change staged$/);
  });

  it('stages the superuser fix from the banner', async () => {
    const banner = superuserWarning(page);
    await banner.getByRole('button', { name: /^Stage this fix/ }).click();
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
  });
});
