import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppSession } from './support/session';
import { openWhy, whyPanel } from './support/matrix';
import { selectItem } from './support/ownServers';
import { applyStaged, stagedScript } from './support/stagedChanges';

// why: screenshots are for looking at while developing, not for docs/.
const shotDir = process.env.WARDEN_E2E_SHOTS ?? '/tmp';

const session = useAppSession({ width: 1280, height: 1000 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const panel = () => page.getByRole('region', { name: 'Findings' });
const openList = () => panel().getByRole('list', { name: 'Findings', exact: true });
const ackList = () => panel().getByRole('list', { name: 'Acknowledged findings' });
const finding = (title: RegExp) => openList().getByRole('listitem', { name: title });
const viewerTrap = /^high: data_viewer is a superuser, so its grants mean nothing$/;
const noPassword = /^high: datatweets can log in but has no password$/;
const roleItem = (name: string) => page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: new RegExp(`^${name}\\b`) });

describe('findings on the demo server', () => {
  it("shows the lesson's traps on first open: data_viewer the superuser and the passwordless datatweets", async () => {
    await page.goto(session().app.url);
    await expect.poll(() => finding(viewerTrap).count(), { timeout: 90_000 }).toBe(1);
    expect(await finding(noPassword).count()).toBe(1);
    const counts = await panel().getByRole('status', { name: 'Findings by severity' }).innerText();
    expect(counts).toMatch(/\b2 high\b/);
    expect(await finding(viewerTrap).innerText()).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    // The server's superuser warning says why; the findings about data_viewer point to it
    // instead of saying it a second time.
    const warning = page.getByRole('region', { name: 'A superuser besides postgres on this server' });
    expect(await warning.innerText()).toContain('every privilege check');
    const superuserFindings = openList().getByRole('listitem', { name: /data_viewer is a superuser/ });
    expect(await superuserFindings.count()).toBe(2);
    for (const text of await superuserFindings.allInnerTexts()) expect(text).not.toMatch(/privilege check|initdb/);
    await finding(viewerTrap).getByRole('link', { name: 'superuser warning at the top' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? '')).not.toBe('');
    expect(await warning.evaluate((el) => el === document.activeElement)).toBe(true);
    // A finding the warning does not cover keeps its own words.
    expect(await finding(noPassword).innerText()).toMatch(/pg_hba\.conf/);
    // The roles list marks what the findings concern.
    await expect.poll(() => roleItem('data_viewer').getByRole('img', { name: /findings?, worst high/ }).count()).toBe(1);
    expect(await roleItem('datatweets').getByRole('img', { name: /worst high/ }).count()).toBe(1);
    await page.screenshot({ path: join(shotDir, 'warden-findings.png') });
  });

  it('acknowledges a finding with a reason, kept in the data folder across a reload, and reopens it', async () => {
    await finding(noPassword).getByRole('button', { name: /^Acknowledge: / }).click();
    await finding(noPassword).getByLabel('Why is this acceptable?').fill('owner only; pg_hba rejects it');
    await finding(noPassword).getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect.poll(() => finding(noPassword).count()).toBe(0);
    await panel().getByText(/^Acknowledged \(1\)$/).click();
    await expect.poll(() => ackList().getByRole('listitem', { name: noPassword }).count()).toBe(1);
    const saved = await readFile(join(session().dir, 'data', 'findings-acknowledged.json'), 'utf8');
    expect(saved).toContain('owner only; pg_hba rejects it');
    await page.reload();
    await expect.poll(() => panel().getByText(/^Acknowledged \(1\)$/).count(), { timeout: 30_000 }).toBe(1);
    expect(await finding(noPassword).count()).toBe(0);
    await panel().getByText(/^Acknowledged \(1\)$/).click();
    await ackList().getByRole('button', { name: /^Reopen: datatweets/ }).click();
    await expect.poll(() => finding(noPassword).count()).toBe(1);
  });

  it('stages a fix, and after Apply the findings are read again without it', async () => {
    await expect.poll(() => finding(viewerTrap).count(), { timeout: 30_000 }).toBe(1);
    await finding(viewerTrap).getByRole('button', { name: /^Stage the fix: / }).click();
    await expect.poll(() => stagedScript(page)).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    expect(await finding(viewerTrap).getByRole('button', { name: /^Fix staged: / }).isDisabled()).toBe(true);
    await applyStaged(page);
    await expect.poll(() => finding(viewerTrap).count(), { timeout: 30_000 }).toBe(0);
    expect(await finding(noPassword).count()).toBe(1);
    await expect.poll(() => roleItem('data_viewer').getByRole('img', { name: /worst high/ }).count()).toBe(0);
  });

  it('asks why readonly cannot INSERT from the why panel and stages the fix the server proved', async () => {
    await selectItem(page, 'datatweets');
    // Opening a database folds the findings panel to its header, counts still shown.
    await expect.poll(() => panel().getByRole('button', { name: 'Show' }).count()).toBe(1);
    expect(await panel().getByRole('status', { name: 'Findings by severity' }).innerText()).toMatch(/\bhigh\b/);
    await openWhy(page, 'readonly', 'public.users');
    await whyPanel(page).getByLabel('Privilege to explain', { exact: true }).selectOption('INSERT');
    await whyPanel(page).getByRole('button', { name: "Why can't readonly insert?" }).click();
    const fixes = whyPanel(page).getByRole('list', { name: 'Proven fixes' });
    await expect.poll(() => fixes.count(), { timeout: 30_000 }).toBe(1);
    expect(await whyPanel(page).getByRole('list', { name: 'Missing' }).innerText()).toMatch(/ACL gives INSERT neither to readonly/);
    const direct = fixes.getByRole('listitem').filter({ hasText: 'Grant INSERT on public.users to readonly directly' });
    expect(await direct.innerText()).toMatch(/proven/);
    await direct.getByRole('button', { name: /^Stage the fix: / }).click();
    await expect.poll(() => stagedScript(page)).toContain('GRANT INSERT ON TABLE public.users TO readonly;');
  });
});
