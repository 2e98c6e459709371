import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../../src/main/cli/run';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { matrixCell, matrixGrid, whyPanel } from './support/matrix';
import { selectItem } from './support/ownServers';
import { useAppSession } from './support/session';

// why: no test writes into docs/; `npm run screenshots` refreshes the README's pictures.
const screenshotPath = join(tmpdir(), 'warden-e2e-matrix.png');

const session = useAppSession({ width: 1440, height: 900 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const grid = () => matrixGrid(page);
/** The cell of a role on a relation, found by the start of its accessible name. */
const cell = (role: string, relation: string) => matrixCell(page, role, relation);
const why = () => whyPanel(page);
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { name: el?.getAttribute('aria-label') ?? '', col: el?.getAttribute('aria-colindex') ?? '', row: el?.parentElement?.getAttribute('aria-rowindex') ?? '' };
  });

describe('the privilege matrix of the demo database', () => {
  it('shows once datatweets is selected in the tree', async () => {
    await page.goto(session().app.url);
    const datatweets = page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'datatweets', exact: true });
    await expect.poll(() => datatweets.count(), { timeout: 60_000 }).toBe(1);
    await datatweets.click();
    await expect.poll(() => grid().count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => cell('readonly', 'public.users').count(), { timeout: 30_000 }).toBe(1);
    expect(Number(await grid().getAttribute('aria-rowcount'))).toBeGreaterThan(1);
    expect(Number(await grid().getAttribute('aria-colcount'))).toBeGreaterThan(1);
  });

  it('computes effective privileges per role and table', async () => {
    expect(await cell('readwrite', 'public.users').getAttribute('aria-label')).toBe('readwrite on public.users: SELECT INSERT UPDATE DELETE');
    expect(await cell('readwrite', 'public.users').innerText()).toBe('arwd');
    expect(await cell('readonly', 'public.users').getAttribute('aria-label')).toBe('readonly on public.users: SELECT');
    expect(await cell('readonly', 'public.users').innerText()).toBe('r');
    const owner = (await cell('datatweets', 'public.users').getAttribute('aria-label')) ?? '';
    expect(owner).toMatch(/^datatweets on public\.users: SELECT INSERT UPDATE DELETE TRUNCATE REFERENCES TRIGGER( MAINTAIN)?\b/);
    expect(owner).toMatch(/owner$/);
  });

  it('marks the superuser and names the trap with its fix', async () => {
    expect(await cell('data_viewer', 'public.users').getAttribute('aria-label')).toMatch(/superuser/);
    const viewerRow = grid().getByRole('row').filter({ has: page.getByRole('rowheader', { name: /data_viewer/ }) });
    expect(await viewerRow.getAttribute('class')).toMatch(/is-superuser/);
    // The warning is the server's, above the panels; the matrix does not repeat it.
    const banner = page.getByRole('region', { name: 'A superuser besides postgres on this server' });
    expect(await page.getByRole('region', { name: /superuser/ }).count()).toBe(1);
    const text = await banner.innerText();
    expect(text).toContain('data_viewer is a superuser, so its grants are meaningless');
    expect(text).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    expect(await banner.getByRole('button', { name: /Copy/ }).count()).toBe(1);
  });

  it('explains a cell: the superuser, then a direct grant', async () => {
    await cell('data_viewer', 'public.users').click();
    await expect.poll(() => why().count()).toBe(1);
    await expect.poll(() => why().innerText()).toContain('superuser: bypasses every check');
    await cell('readonly', 'public.users').click();
    await expect.poll(() => why().innerText()).toContain('Why readonly on public.users');
    expect(await why().innerText()).toContain('SELECT — direct grant to readonly: granted by datatweets');
  });

  it('moves between cells with the keyboard and opens why with Enter', async () => {
    await cell('readonly', 'public.users').focus();
    const start = await focused();
    expect(start.name).toMatch(/^readonly on public\.users/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await focused()).row).not.toBe(start.row);
    expect((await focused()).col).toBe(start.col);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await focused()).col).not.toBe(start.col);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await focused()).name).toBe(start.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => why().innerText()).toContain('Why readonly on public.users');
    await page.screenshot({ path: screenshotPath });
    await page.keyboard.press('End');
    await expect.poll(async () => (await focused()).col).toBe(await grid().getAttribute('aria-colcount'));
    await page.keyboard.press('Home');
    await expect.poll(async () => (await focused()).col).toBe('2');
    expect(await page.evaluate(() => document.querySelector('[role=grid]')?.scrollLeft)).toBe(0);
  });

  it('shows labelled chips styled by how each privilege is held, remembered after a reload', async () => {
    const legend = page.getByRole('region', { name: 'Legend' });
    await legend.getByRole('button', { name: 'Labels' }).click();
    // Chips take wider columns: narrow the grid to users so its column is on screen.
    await page.getByLabel('Filter by role or table name').fill('public.users');
    await expect.poll(() => cell('readonly', 'public.users').innerText()).toBe('SELECT');
    expect(await cell('readonly', 'public.users').locator('.chip').getAttribute('class')).toMatch(/chip-direct/);
    expect(await cell('readonly', 'public.users').getAttribute('aria-label')).toBe('readonly on public.users: SELECT (SELECT granted directly)');
    expect(await cell('readwrite', 'public.users').locator('.chip').allInnerTexts()).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    expect(await cell('datatweets', 'public.users').innerText()).toBe('ALL*');
    expect(await cell('datatweets', 'public.users').locator('.chip').getAttribute('class')).toMatch(/chip-owner/);
    expect(await cell('data_viewer', 'public.users').locator('.chip').getAttribute('class')).toMatch(/chip-superuser/);
    expect(await legend.innerText()).toContain('through a group');
    await page.reload();
    await selectItem(page, 'datatweets');
    await expect.poll(() => grid().count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('Filter by role or table name').fill('public.users');
    await expect.poll(() => cell('readonly', 'public.users').innerText(), { timeout: 30_000 }).toBe('SELECT');
    expect(await page.getByRole('region', { name: 'Legend' }).getByRole('button', { name: 'Labels' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('downloads the same CSV the command line prints (letters, whatever the cells show)', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    expect(download.suggestedFilename()).toBe('datatweets-privileges.csv');
    expect(csv.split('\n')[0]).toBe('role,schema,table,privileges,via');
    expect(csv).toContain('\nreadwrite,public,users,arwd,');
    const state = JSON.parse(await readFile(join(session().dir, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
    const port = /127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('.app-header').innerText())?.[1] ?? '';
    let out = '';
    const decoder = new TextDecoder();
    const code = await runCli(['matrix', '--url', `postgres://postgres:${encodeURIComponent(state.superuserPassword)}@127.0.0.1:${port}/datatweets?sslmode=disable`], {
      stdout: (t) => {
        out += typeof t === 'string' ? t : decoder.decode(t, { stream: true });
      },
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    expect(csv).toBe(out);
  });
});

