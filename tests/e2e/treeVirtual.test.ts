import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { currentMajor } from '../support/testServer';
import { addServerByUrl, expandItem, useOwnServer, treeItem, treeItemIn } from './support/ownServers';
import { useAppSession } from './support/session';

// why: a schema of 20,000 tables must open within a second (issue 11), so the tree renders
// only the rows near the view. This checks, with 3,000 tables, that it still is a tree a
// keyboard user can walk to the end of, and that the last table opens like any other.

const tables = 3_000;
const schema = 'zz_many';
const last = `t_${String(tables).padStart(4, '0')}`;
const users = 250;
const groups = 50;

const session = useAppSession({ width: 1280, height: 800 });
let page: Page;
const own = useOwnServer('wide', currentMajor);

beforeAll(async () => {
  page = session().page;
  const c = await own().server.connect(own().database);
  try {
    // why: the last schema of the last database before the templates (which the tree lists
    // last), so End, then ArrowUp past template1 and template0, lands on its last table.
    await c.query(`CREATE SCHEMA ${schema}`);
    // why: past 200 roles the roles panel renders only the entries near the view too.
    const roleSql = Array.from({ length: users }, (_, i) => `CREATE ROLE zz_user_${String(i + 1).padStart(3, '0')} LOGIN`);
    roleSql.push(...Array.from({ length: groups }, (_, i) => `CREATE ROLE zz_group_${String(i + 1).padStart(2, '0')} NOLOGIN`));
    await c.query(roleSql.join(';\n'));
    for (let start = 1; start <= tables; start += 500) {
      const batch = Array.from({ length: Math.min(500, tables - start + 1) }, (_, k) => `CREATE TABLE ${schema}.t_${String(start + k).padStart(4, '0')} (id int)`);
      await c.query(batch.join(';\n'));
    }
  } finally {
    await c.end();
  }
}, 120_000);

const group = () => treeItem(page, schema).getByRole('group');
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      name: el?.querySelector(':scope > .tree-row .tree-label')?.textContent ?? '',
      pos: el?.getAttribute('aria-posinset') ?? '',
      size: el?.getAttribute('aria-setsize') ?? '',
    };
  });

/** From anywhere in the tree: End goes to its last item (template1), two ArrowUps to the last table. */
async function toLastTable(): Promise<void> {
  await page.keyboard.press('End');
  await expect.poll(() => focused().then((f) => f.name), { timeout: 10_000 }).toBe('template1');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focused().then((f) => f.name)).toBe('template0');
  await page.keyboard.press('ArrowUp');
  await expect.poll(focused, { timeout: 10_000 }).toEqual({ name: last, pos: String(tables), size: String(tables) });
}

describe(`a schema with ${tables.toLocaleString()} tables`, () => {
  it('expands with only the rows near the view in the DOM, each with its place in the set', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => treeItem(page, 'Demo server').count(), { timeout: 60_000 }).toBe(1);
    await addServerByUrl(page, own().url, 'Wide server', false);
    await expandItem(page, 'Wide server');
    await expandItem(page, own().database);
    await expandItem(page, schema);
    const first = treeItemIn(page, schema, 't_0001');
    await expect.poll(() => first.count(), { timeout: 30_000 }).toBe(1);
    expect(await first.getAttribute('aria-posinset')).toBe('1');
    expect(await first.getAttribute('aria-setsize')).toBe(String(tables));
    expect(await first.getAttribute('aria-level')).toBe('4');
    const rendered = await group().getByRole('treeitem').count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(200);
    // The spacers keep the panel as tall as every row would make it, so its scrollbar is true.
    const height = await group().evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(tables * 22);
  });

  it('reaches the last table from the keyboard (End, ArrowUp), shows it, and goes back up with ArrowUp and ArrowLeft', async () => {
    await treeItemIn(page, schema, 't_0001').focus();
    await toLastTable();
    const lastItem = treeItemIn(page, schema, last);
    expect(await lastItem.isVisible()).toBe(true);
    expect(await group().getByRole('treeitem').count()).toBeLessThan(200);
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toEqual({ name: 't_2999', pos: String(tables - 1), size: String(tables) });
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toEqual({ name: last, pos: String(tables), size: String(tables) });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused().then((f) => f.name)).toBe(schema);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused().then((f) => f.name)).toBe('t_0001');
  });

  it('opens the last table from the keyboard as it opens any other', async () => {
    await toLastTable();
    await page.keyboard.press('Enter');
    const lastItem = treeItemIn(page, schema, last);
    await expect.poll(() => lastItem.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: `${last} table` }).count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'warden-e2e-tree-virtual.png') });
    // Scrolled far away and back, the selected row is rendered again, still selected.
    await page.keyboard.press('Home');
    await expect.poll(() => focused().then((f) => f.name)).toBe('Demo server');
    await toLastTable();
    expect(await lastItem.getAttribute('aria-selected')).toBe('true');
  });

  it('lists 300 roles with only the entries near the view in the DOM, and keeps a focused button while scrolled away', async () => {
    const roles = page.getByRole('list', { name: 'Roles' });
    const all = users + groups + 3; // postgres, wide_clerk and wide_clerks besides ours
    await expect.poll(() => roles.getByRole('listitem', { name: /^zz_user_001\b/ }).count(), { timeout: 30_000 }).toBe(1);
    const rendered = await roles.getByRole('listitem').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    expect(await roles.getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(all));
    const edit = page.getByRole('button', { name: 'Edit role postgres', exact: true });
    await edit.focus();
    await page.locator('#roles-panel .panel-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastGroup = roles.getByRole('listitem', { name: /^zz_group_50\b/ });
    await expect.poll(() => lastGroup.count(), { timeout: 10_000 }).toBe(1);
    expect(await lastGroup.getAttribute('aria-posinset')).toBe(String(all));
    expect(await roles.getByRole('listitem', { name: /^zz_user_100\b/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit role postgres');
    await page.screenshot({ path: join(tmpdir(), 'warden-e2e-roles-virtual.png') });
  });
});
