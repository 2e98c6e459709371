import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runScript } from '../support/scriptRunner';
import { useAppSession } from './support/session';
import { applyStaged } from './support/stagedChanges';

// why: no test writes into docs/; `npm run screenshots` refreshes the README's pictures.
const screenshotPath = join(tmpdir(), 'warden-e2e-changes.png');

const session = useAppSession({ width: 1280, height: 860 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const item = (name: string) => page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name, exact: true });
const panel = () => page.getByRole('region', { name: 'Staged changes' });
const script = () => panel().getByLabel('SQL script');
const scriptText = async () => (await script().textContent()) ?? '';
const dialog = () => page.getByRole('dialog');

const applyAll = () => applyStaged(page);

describe('staging, exporting and applying changes on the demo server', () => {
  it('exercise 1: stages user report_bot with a SCRAM verifier, never the password', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => item('datatweets').count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole('button', { name: 'New user' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByLabel('Name').fill('report_bot');
    await dialog().getByLabel('Password', { exact: true }).fill('r3p0rt');
    await dialog().getByLabel('Repeat password').fill('r3p0rt');
    expect(await dialog().getByLabel('Superuser (SUPERUSER)').isChecked()).toBe(false);
    expect(await dialog().getByLabel('May create databases (CREATEDB)').isChecked()).toBe(false);
    await dialog().getByRole('button', { name: 'Stage user' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB');
    const sql = await scriptText();
    // why: by default the script holds no verifier (it can be attacked offline), only how to set it.
    expect(sql).toContain('CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;');
    expect(sql).toContain('\\password report_bot');
    expect(sql).not.toContain('SCRAM-SHA-256');
    expect(sql).not.toContain('r3p0rt');
    expect(await panel().getByRole('listitem').first().innerText()).toMatch(/Create user report_bot/);
  });

  it('shows the server’s problem next to the form field it concerns, and stages nothing', async () => {
    await page.getByRole('button', { name: 'New group' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    const name = dialog().getByLabel('Name');
    await name.fill('datatweets');
    await dialog().getByRole('button', { name: 'Stage group' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true');
    const described = await name.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
    expect(described).toContain('A role named "datatweets" already exists.');
    await dialog().screenshot({ path: '/tmp/warden-form-server-problem.png' });
    // Typing clears it; the form stays open and the staged list is unchanged.
    await name.fill('datatweets_team');
    expect(await name.getAttribute('aria-invalid')).toBe('false');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await panel().getByRole('list', { name: 'Staged changes' }).getByRole('listitem').count()).toBe(1);
  });

  const exportText = async (): Promise<{ name: string; text: string }> => {
    const [download] = await Promise.all([page.waitForEvent('download'), panel().getByRole('button', { name: 'Export .sql' }).click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  };

  it('exports the script as a .sql file, without the verifier unless the warned option is ticked', async () => {
    const plain = await exportText();
    expect(plain.name).toMatch(/^warden-demo-server-datatweets-\d{8}-\d{4}\.sql$/);
    expect(plain.text).toContain('CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;');
    expect(plain.text).toContain('\\password report_bot');
    expect(plain.text).not.toContain('SCRAM-SHA-256');
    expect(plain.text).not.toContain('r3p0rt');

    const option = panel().getByLabel('Include password verifiers in the script');
    expect(await option.isChecked()).toBe(false);
    await option.check();
    await expect.poll(() => panel().getByRole('note').innerText()).toMatch(/offline/);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain("INHERIT PASSWORD 'SCRAM-SHA-256$4096:");
    const withVerifier = await exportText();
    expect(withVerifier.text).toMatch(/CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD 'SCRAM-SHA-256\$4096:[^']+';/);
    expect(withVerifier.text).not.toContain('\\password');
    expect(withVerifier.text).not.toContain('r3p0rt');
    await option.uncheck();
    await expect.poll(scriptText, { timeout: 20_000 }).not.toContain('SCRAM-SHA-256');
  });

  it('applies it after a confirmation, and the roles list shows report_bot as a user', async () => {
    await applyAll();
    const bot = page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: /^report_bot\b/ });
    await expect.poll(() => bot.count(), { timeout: 20_000 }).toBe(1);
    expect(await bot.getAttribute('aria-label')).toMatch(/user/);
    expect(await panel().getByRole('list', { name: 'Staged changes' }).count()).toBe(0);
  });

  it('exercise 3: database analytics owned by postgres, closed to PUBLIC', async () => {
    await page.getByRole('button', { name: 'New database' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByLabel('Name').fill('analytics');
    await expect.poll(() => dialog().getByLabel('Owner').locator('option', { hasText: 'postgres' }).count()).toBeGreaterThan(0);
    await dialog().getByLabel('Owner').selectOption('postgres');
    expect(await dialog().getByLabel('Revoke CONNECT and TEMPORARY from PUBLIC').isChecked()).toBe(true);
    await dialog().getByRole('button', { name: 'Stage database' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('CREATE DATABASE analytics OWNER postgres;');
    expect(await scriptText()).toContain('REVOKE CONNECT, TEMPORARY ON DATABASE analytics FROM PUBLIC;');
    await page.screenshot({ path: screenshotPath });
    await applyAll();
    await expect.poll(() => item('analytics').count(), { timeout: 20_000 }).toBe(1);
  });

  it('after Export and a run outside Warden, reading the server again unstages what is now true', async () => {
    await page.getByRole('button', { name: 'New group' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByLabel('Name').fill('script group');
    await dialog().getByRole('button', { name: 'Stage group' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(scriptText, { timeout: 20_000 }).toContain('CREATE ROLE "script group"');
    const ranIt = panel().getByRole('button', { name: 'I ran this script: read the server again' });
    expect(await ranIt.count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), panel().getByRole('button', { name: 'Export .sql' }).click()]);
    const script = await readFile(await download.path(), 'utf8');
    await expect.poll(() => ranIt.count()).toBe(1);

    // Nothing ran yet: the change stays staged.
    await ranIt.click();
    await expect.poll(() => panel().innerText(), { timeout: 20_000 }).toContain('Read the server again: the staged change is not on the server yet; it stays staged.');
    expect(await panel().getByRole('list', { name: 'Staged changes' }).getByRole('listitem').count()).toBe(1);

    // The DBA runs the exported script (as psql -f would), then tells Warden.
    const state = JSON.parse(await readFile(join(session().dir, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
    const port = Number(/127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('.app-header').innerText())?.[1]);
    const run = await runScript(script, { host: '127.0.0.1', port, user: 'postgres', password: state.superuserPassword, database: 'datatweets' });
    expect(run.ok, run.messages.join('\n')).toBe(true);
    await ranIt.click();
    await expect.poll(() => panel().innerText(), { timeout: 20_000 }).toContain(
      'Read the server again: the staged change is on the server now, so nothing is staged any more.',
    );
    expect(await panel().innerText()).toMatch(/Nothing staged/);
    const group = page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: /^script group,/ });
    await expect.poll(() => group.count(), { timeout: 20_000 }).toBe(1);
  });
});
