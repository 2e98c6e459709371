import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, openWhy, whyPanel } from './support/matrix';
import { asAnotherDba as asAnotherDbaOn } from './support/demoSql';
import { useAppSession } from './support/session';
import { applyStaged, stagedScript } from './support/stagedChanges';

// Issue 5: Apply checks that what the staged changes touch has not changed since the
// script was reviewed; if it has, nothing runs, the page shows which changes are
// affected, and the server is read again.

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const label = async (role: string, relation: string) => (await matrixCell(page, role, relation).getAttribute('aria-label')) ?? '';

/** Runs SQL on the demo server as its superuser, as another DBA would. */
const asAnotherDba = (sql: string) => asAnotherDbaOn(page, join(session().dir, 'data'), 'datatweets', sql);

describe('apply after the server changed under the preview', () => {
  it('stages a grant on public.sales for readonly', async () => {
    await page.goto(session().app.url);
    const datatweets = page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'datatweets', exact: true });
    await expect.poll(() => datatweets.count(), { timeout: 60_000 }).toBe(1);
    await datatweets.click();
    await openWhy(page, 'readonly', 'public.sales');
    await whyPanel(page).getByRole('button', { name: 'Grant INSERT', exact: true }).click();
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE public.sales TO readonly;');
  });

  it('refuses to apply when someone else changed public.sales, says which change, and shows the server as it is', async () => {
    expect(await label('readwrite', 'public.sales')).not.toMatch(/TRUNCATE/);
    await asAnotherDba('GRANT TRUNCATE ON public.sales TO readwrite');
    const dialog = page.getByRole('dialog');
    await page.getByRole('region', { name: 'Staged changes' }).getByRole('button', { name: 'Apply…' }).click();
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const changed = dialog.getByRole('list', { name: 'Changed since the preview' });
    await expect.poll(() => changed.count(), { timeout: 30_000 }).toBe(1);
    expect(await changed.innerText()).toMatch(/INSERT.*public\.sales.*readonly/);
    expect(await dialog.getByRole('status').innerText()).toMatch(/changed since the preview/);
    expect(await dialog.getByRole('list', { name: 'Results' }).innerText()).not.toMatch(/Done/);
    await dialog.getByRole('button', { name: 'OK', exact: true }).click();
    // The matrix was read again: another DBA's grant shows; readonly's INSERT is still only staged.
    await expect.poll(() => label('readwrite', 'public.sales'), { timeout: 30_000 }).toMatch(/TRUNCATE/);
    expect(await label('readonly', 'public.sales')).toBe('readonly on public.sales: INSERT, change staged');
  });

  it('applies once the refreshed script is reviewed again', async () => {
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT INSERT ON TABLE public.sales TO readonly;');
    await applyStaged(page);
    await expect.poll(() => label('readonly', 'public.sales'), { timeout: 30_000 }).toBe('readonly on public.sales: INSERT');
  });
});
