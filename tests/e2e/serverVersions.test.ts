import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/testServer';
import { roleSeeingVersion } from '../support/fakeVersion';
import { expandItem, selectItem, treeItem, treeItemIn } from './support/ownServers';
import { useAppSession } from './support/session';

// Servers outside 14–18, faked per role on a real server (tests/support/fakeVersion.ts).
const session = useAppSession({ width: 1280, height: 800 });
let page: Page;
let server: TestServer;
const drops: (() => Promise<void>)[] = [];
const password = 'e2e-version-pw-0';
const urlFor = (role: string) => `postgres://${role}:${password}@${server.params.host}:${server.params.port}/postgres?sslmode=disable`;

beforeAll(async () => {
  page = session().page;
  server = await startTestServer();
});
afterAll(async () => {
  for (const drop of drops) await drop();
  await server.stop();
});

async function fillAddServer(url: string, name: string) {
  await page.getByRole('button', { name: 'Add server', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add server' });
  await dialog.getByLabel('Connection URL').fill(url);
  await dialog.getByLabel('Connection URL').blur();
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  return dialog;
}

describe('servers outside the versions Warden was checked on', () => {
  it('PostgreSQL 13 is refused at Add server in plain words', async () => {
    const v13 = await roleSeeingVersion(server, 'v13', '130011', '13.11', password);
    drops.push(v13.drop);
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'datatweets').count(), { timeout: 60_000 }).toBe(1);
    const dialog = await fillAddServer(urlFor(v13.role), 'Old server');
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toBe('This server runs PostgreSQL 13.11; Warden works with PostgreSQL 14 and newer.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await treeItem(page, 'Old server').count()).toBe(0);
  });

  it('PostgreSQL 19 works, under a "not yet verified" banner', async () => {
    const v19 = await roleSeeingVersion(server, 'v19', '190000', '19devel', password);
    drops.push(v19.drop);
    const dialog = await fillAddServer(urlFor(v19.role), 'New server');
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expandItem(page, 'New server');
    const banner = page.getByRole('status').filter({ hasText: 'not yet verified' });
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toMatch(/^PostgreSQL 19 is not yet verified with Warden \(checked on 14 to 18\)\./);
    await expect.poll(() => treeItemIn(page, 'New server', 'postgres').count(), { timeout: 30_000 }).toBe(1);
    // The demo (PostgreSQL 18) has no such banner.
    await selectItem(page, 'Demo server');
    await expect.poll(() => banner.count()).toBe(0);
  });
});
