import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openWhy, whyPanel } from './support/matrix';
import { addServerByUrl, expandItem, selectItem, useOwnServer, treeItem } from './support/ownServers';
import { useAppSession } from './support/session';
import { stagedScript } from './support/stagedChanges';
import { currentMajor } from '../support/testServer';

// why: managed clouds give admins CREATEROLE and some ADMIN OPTION, never SUPERUSER
// (docs/privileges.md §6). Connected as such a role, the UI offers only what it may do, and
// refuses the rest before Apply in plain words. PostgreSQL 16+ rules (the newest major).

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
const own = useOwnServer('cloud', currentMajor);
const password = 'Cl0ud-admin-e2e';

beforeAll(async () => {
  page = session().page;
  const c = await own().server.connect('postgres');
  try {
    await c.query(`CREATE ROLE cloud_admin LOGIN PASSWORD '${password}' NOSUPERUSER CREATEROLE NOCREATEDB`);
    await c.query('CREATE ROLE managed NOLOGIN; CREATE ROLE unmanaged NOLOGIN');
    await c.query('GRANT managed TO cloud_admin WITH ADMIN OPTION, INHERIT FALSE, SET FALSE');
    await c.query(`GRANT CONNECT ON DATABASE ${own().database} TO cloud_admin`);
  } finally {
    await c.end();
  }
  const d = await own().server.connect(own().database);
  try {
    await d.query('GRANT USAGE ON SCHEMA cloud TO cloud_admin; GRANT SELECT ON cloud.orders TO cloud_admin');
  } finally {
    await d.end();
  }
}, 120_000);

const dialog = () => page.getByRole('dialog');
const header = () => page.locator('header.app-header');

describe('an admin that is not superuser (CREATEROLE, ADMIN on one group)', () => {
  it('connects and reads the catalog', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    const { host, port } = own().server.params;
    await addServerByUrl(page, `postgres://cloud_admin:${password}@${host}:${port}/${own().database}?sslmode=disable`, 'Cloud server', false);
    await expandItem(page, 'Cloud server');
    await expect.poll(() => treeItem(page, own().database).count(), { timeout: 30_000 }).toBe(1);
    await selectItem(page, own().database);
    await expect.poll(() => page.getByRole('list', { name: 'Roles' }).getByRole('listitem', { name: /^managed\b/ }).count(), { timeout: 30_000 }).toBe(1);
  });

  it('does not offer New database without CREATEDB, and says why', async () => {
    const button = header().getByRole('button', { name: 'New database' });
    await expect.poll(() => button.isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await button.getAttribute('title')).toMatch(/needs CREATEDB/);
    expect(await header().getByRole('button', { name: 'New user' }).isDisabled()).toBe(false);
  });

  it('New user offers only the groups it has ADMIN OPTION on, and no SUPERUSER or CREATEDB', async () => {
    await header().getByRole('button', { name: 'New user' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await expect.poll(() => dialog().getByLabel('Superuser (SUPERUSER)').isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await dialog().getByLabel('May create databases (CREATEDB)').isDisabled()).toBe(true);
    const memberOf = dialog().getByRole('group', { name: 'Member of' });
    await expect.poll(() => memberOf.getByLabel(/^managed/).count()).toBe(1);
    expect(await memberOf.getByLabel(/^unmanaged/).count()).toBe(0);
    await dialog().getByLabel('Name').fill('cloud_bot');
    await dialog().getByLabel('No password').check();
    await memberOf.getByLabel(/^managed/).check();
    await dialog().getByRole('button', { name: 'Stage user' }).click();
    await expect.poll(() => dialog().count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => stagedScript(page), { timeout: 20_000 }).toContain('GRANT managed TO cloud_bot;');
  });

  it('offers Edit only for roles it may alter', async () => {
    const roles = page.getByRole('list', { name: 'Roles' });
    expect(await roles.getByRole('button', { name: 'Edit role managed', exact: true }).count()).toBe(1);
    expect(await roles.getByRole('button', { name: 'Edit role unmanaged', exact: true }).count()).toBe(0);
    await roles.getByRole('button', { name: 'Edit role managed', exact: true }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await expect.poll(() => dialog().getByLabel('Superuser (SUPERUSER)').isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await dialog().getByLabel('May create databases (CREATEDB)').isDisabled()).toBe(true);
    expect(await dialog().innerText()).toMatch(/only a role that has CREATEDB can change it/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
  });

  it('the matrix toggles do not offer grants it holds without GRANT OPTION, and say why', async () => {
    await openWhy(page, 'cloud_clerk', 'cloud.items');
    const grantInsert = whyPanel(page).getByRole('button', { name: 'Grant INSERT', exact: true });
    await expect.poll(() => grantInsert.isDisabled(), { timeout: 20_000 }).toBe(true);
    expect(await grantInsert.getAttribute('title')).toBe('"cloud_admin" cannot grant or revoke INSERT on cloud.items: it does not own it and does not hold INSERT WITH GRANT OPTION.');
  });

  it('refuses a schema template it cannot grant before staging, in plain words', async () => {
    await header().getByRole('button', { name: 'Schema access…' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await expect.poll(() => dialog().getByLabel('Database').locator('option', { hasText: own().database }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await dialog().getByLabel('Database').selectOption(own().database);
    await expect.poll(() => dialog().getByLabel('Schema').locator('option', { hasText: 'cloud' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await dialog().getByLabel('Schema').selectOption('cloud');
    await dialog().getByLabel('Group').selectOption('managed');
    await dialog().getByRole('button', { name: /^Stage/ }).click();
    await expect.poll(() => dialog().innerText(), { timeout: 20_000 }).toMatch(/"cloud_admin" cannot grant .*WITH GRANT OPTION/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await stagedScript(page)).not.toContain('ON SCHEMA cloud');
  });
});
