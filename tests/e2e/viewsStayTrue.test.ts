import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { matrixCell, matrixGrid, superuserWarning } from './support/matrix';
import { asAnotherDba } from './support/demoSql';
import { selectItem, treeItem, treeItemIn } from './support/ownServers';
import { useAppSession } from './support/session';

// why: a DBA runs a script in psql while Warden is open. After Reload, and when the window
// comes back after a while, every panel (tree, roles list, matrix, superuser warning,
// details) must agree with the server: one invalidation path for everything read from it.

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const runElsewhere = (...queries: string[]) => asAnotherDba(page, join(session().dir, 'data'), 'postgres', ...queries);
/** A locator's accessible name when it is on the page, else null (without waiting for it). */
const labelOf = async (locator: Locator) => ((await locator.count()) === 1 ? locator.getAttribute('aria-label') : null);
const roleLabel = (name: string) => labelOf(page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: new RegExp(`^${name},`) }));
const cellLabel = (role: string, relation: string) => labelOf(matrixCell(page, role, relation));
const superuserWarnings = () => superuserWarning(page).count();
const ownerFact = () => page.getByRole('main').locator('.fact').filter({ has: page.getByRole('term').filter({ hasText: /^Owner$/ }) }).innerText();
const analytics = () => treeItemIn(page, 'Demo server', 'analytics').count();

/** What every panel says about the lesson's fix, read the way a DBA reads it. */
async function panels() {
  return {
    analyticsInTree: await analytics(),
    reportBot: await roleLabel('report_bot'),
    dataViewer: await roleLabel('data_viewer'),
    reportBotCell: await cellLabel('report_bot', 'public.sales'),
    dataViewerCell: await cellLabel('data_viewer', 'public.sales'),
    superuserWarnings: await superuserWarnings(),
    owner: await ownerFact(),
  };
}

const before = {
  analyticsInTree: 0,
  reportBot: null,
  dataViewer: expect.stringMatching(/superuser/) as unknown,
  reportBotCell: null,
  dataViewerCell: expect.stringMatching(/superuser/i) as unknown,
  superuserWarnings: 1,
  owner: expect.stringMatching(/^Owner\s+datatweets$/) as unknown,
};
const after = {
  analyticsInTree: 1,
  reportBot: expect.stringMatching(/^report_bot, user/) as unknown,
  dataViewer: expect.not.stringMatching(/superuser/) as unknown,
  reportBotCell: 'report_bot on public.sales: SELECT',
  dataViewerCell: expect.not.stringMatching(/superuser/i) as unknown,
  superuserWarnings: 0,
  owner: expect.stringMatching(/^Owner\s+readwrite$/) as unknown,
};

describe('views that stay true when the server changes outside Warden', () => {
  it('shows the demo as seeded', async () => {
    // why: a fake clock (flowing in real time until told otherwise) lets the test come back
    // to the window "31 seconds later" without waiting for them.
    await page.clock.install();
    await page.goto(session().app.url);
    await selectItem(page, 'datatweets');
    await expect.poll(() => matrixGrid(page).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(panels, { timeout: 30_000 }).toEqual(before);
  }, 90_000);

  it('agrees with the server in every panel after Reload', async () => {
    await runElsewhere(
      'ALTER ROLE data_viewer NOSUPERUSER',
      "CREATE ROLE report_bot LOGIN PASSWORD 'r3p0rt'",
      'CREATE DATABASE analytics',
      'ALTER DATABASE datatweets OWNER TO readwrite',
    );
    await asAnotherDba(page, join(session().dir, 'data'), 'datatweets', 'GRANT SELECT ON public.sales TO report_bot');
    // Nothing re-reads on its own within seconds: the panels still show what was read.
    expect(await panels()).toEqual(before);
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    await expect.poll(panels, { timeout: 30_000 }).toEqual(after);
    expect(await treeItem(page, 'datatweets').getAttribute('aria-selected')).toBe('true');
  }, 90_000);

  it('agrees with the server in every panel when the window returns after a while', async () => {
    await asAnotherDba(page, join(session().dir, 'data'), 'datatweets', 'REVOKE ALL ON public.sales FROM report_bot');
    await runElsewhere('DROP ROLE report_bot', 'ALTER ROLE data_viewer SUPERUSER', 'DROP DATABASE analytics', 'ALTER DATABASE datatweets OWNER TO datatweets');
    // A short trip away re-reads nothing.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.clock.fastForward('00:05');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await panels()).toEqual(after);
    // Away for 31 seconds: everything is read again.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.clock.fastForward('00:31');
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(panels, { timeout: 30_000 }).toEqual(before);
  }, 90_000);
});
