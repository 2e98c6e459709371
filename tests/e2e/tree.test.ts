import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../../src/shared/security/csp';
import type { Page } from 'playwright-core';
import { useAppSession } from './support/session';

// why: no test writes into docs/; `npm run screenshots` refreshes the README's pictures.
const screenshotPath = join(tmpdir(), 'warden-e2e-tree.png');

const session = useAppSession({ width: 1280, height: 800 });
let page: Page;
beforeAll(() => {
  page = session().page;
});

const tree = () => page.getByRole('tree', { name: 'Database objects' });
const item = (name: string) => tree().getByRole('treeitem', { name, exact: true });

async function expand(name: string): Promise<void> {
  const node = item(name);
  await node.click();
  if ((await node.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await expect.poll(() => node.getAttribute('aria-expanded')).toBe('true');
}

describe('browser mode on the demo server', () => {
  it('opens on the demo server and shows datatweets → public → users', async () => {
    await page.goto(session().app.url);
    // The one-time code leaves the address bar; the session is an HttpOnly cookie that page
    // scripts cannot read, and nothing is left in the page's storage.
    await expect.poll(() => page.url()).toBe(`${new URL(session().app.url).origin}/`);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([[`warden_session_${new URL(session().app.url).port}`, true, 'Strict']]);
    const code = new URL(session().app.url).searchParams.get('code') ?? '';
    const visible = await page.evaluate(() => {
      const all = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i) ?? ''}=${s.getItem(s.key(i) ?? '') ?? ''}`);
      return [document.cookie, ...all(sessionStorage), ...all(localStorage)].join('\n');
    });
    expect(visible).not.toContain(cookies[0]?.value ?? 'no cookie');
    expect(visible).not.toContain(code);
    expect(visible).not.toMatch(/token/i);
    // One policy source (csp.ts): the built page's meta tag and the server's header.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(contentSecurityPolicyMeta());
    const reply = await page.request.get(new URL('/', page.url()).href);
    expect(reply.headers()['content-security-policy']).toBe(contentSecurityPolicy());
    await expect.poll(() => item('datatweets').count(), { timeout: 60_000 }).toBe(1);
    await expand('datatweets');
    await expect.poll(() => item('public').count()).toBe(1);
    await expect.poll(() => item('user_data').count()).toBe(1);
    await expand('public');
    await expect.poll(() => item('users').count()).toBe(1);
    await expect.poll(() => item('sales_by_region').count()).toBe(1);
    expect(await item('sales_by_region').getAttribute('aria-description')).toMatch(/view/i);
    expect(await item('users_id_seq').getAttribute('aria-description')).toMatch(/sequence/i);
  });

  it('lists roles with users and groups told apart and the superuser marked', async () => {
    const roles = page.getByRole('list', { name: 'Roles' });
    const viewer = roles.getByRole('listitem', { name: /^data_viewer\b/ });
    await expect.poll(() => viewer.count()).toBe(1);
    const spoken = (await viewer.getAttribute('aria-label')) ?? '';
    expect(spoken).toMatch(/user/);
    expect(spoken).toMatch(/superuser/);
    expect(spoken).toMatch(/readonly/);
    const readonly = (await roles.getByRole('listitem', { name: /^readonly\b/ }).getAttribute('aria-label')) ?? '';
    expect(readonly).toMatch(/group/);
    expect(readonly).not.toMatch(/superuser/);
  });

  it('moves through the tree with the keyboard', async () => {
    await item('users').click();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('treeitem');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    const focusedName = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await expect.poll(focusedName).toMatch(/Demo server/);
    await page.keyboard.press('End');
    await expect.poll(focusedName).not.toMatch(/Demo server/);
    await item('users').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => item('users').getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: screenshotPath });
  });

  it('shows a wrong password next to the password field in the Add server form', async () => {
    await page.getByRole('button', { name: 'Add server' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const port = /127\.0\.0\.1:(\d{2,5})/.exec(await page.locator('body').innerText())?.[1] ?? '';
    expect(port).not.toBe('');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    if (port) await dialog.getByLabel('Port').fill(port);
    await dialog.getByLabel('User').fill('postgres');
    await dialog.getByLabel('Password', { exact: true }).fill('definitely-wrong');
    await dialog.getByLabel('Database').fill('postgres');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const password = dialog.getByLabel('Password', { exact: true });
    await expect.poll(() => password.getAttribute('aria-invalid'), { timeout: 20_000 }).toBe('true').catch(async (err: unknown) => {
      await page.screenshot({ path: join(session().dir, '..', 'warden-e2e-failure.png') });
      throw err;
    });
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const message = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
    expect(message).toContain('was not accepted');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
