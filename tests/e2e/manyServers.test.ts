import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { currentMajor } from '../support/testServer';
import { matrixCell, matrixGrid, openWhy, whyPanel } from './support/matrix';
import { addServerByUrl, expandItem, otherMajor, selectItem, startOwnServer, treeItemIn, type OwnServer } from './support/ownServers';
import { useAppSession } from './support/session';

// why: a DBA with three servers clicks from one to the next before the first has answered.
// Every panel must end on the server and database chosen last: a late reply for an earlier
// choice is dropped, never shown beside the current one. The same database name on every
// server (`common`) makes a mix visible: only the roles and tables tell them apart.

const session = useAppSession({ width: 1440, height: 1000 });
let page: Page;
const servers: Record<'north' | 'south' | 'east', OwnServer> = {} as Record<'north' | 'south' | 'east', OwnServer>;
const names = { north: 'North server', south: 'South server', east: 'East server' } as const;
type Place = keyof typeof names;
const places = Object.keys(names) as Place[];

/** Adds database `common` with table `<prefix>.ledger`, read by `<prefix>_clerks`. */
async function addCommon(own: OwnServer, prefix: string): Promise<void> {
  const admin = await own.server.connect('postgres');
  try {
    await admin.query('CREATE DATABASE common');
  } finally {
    await admin.end();
  }
  const c = await own.server.connect('common');
  try {
    await c.query(`CREATE SCHEMA ${prefix}; CREATE TABLE ${prefix}.ledger (id int)`);
    await c.query(`GRANT USAGE ON SCHEMA ${prefix} TO ${prefix}_clerks; GRANT SELECT ON ${prefix}.ledger TO ${prefix}_clerks`);
  } finally {
    await c.end();
  }
}

/** The request bodies of the catalog loads answered so far, in order. */
const catalogReplies: string[] = [];
const countCatalogReplies = (response: Response) => {
  const body = response.request().postData() ?? '';
  if (response.url().endsWith('/api/invoke') && body.includes('"method":"catalog.load"')) catalogReplies.push(body);
};
/** How many catalog loads of `database` answered since reply number `from`. */
const repliesFor = (from: number, database: string) => catalogReplies.slice(from).filter((b) => b.includes(`"database":"${database}"`)).length;

beforeAll(async () => {
  page = session().page;
  page.on('response', countCatalogReplies);
  const majors: Record<Place, number> = { north: currentMajor, south: otherMajor(), east: currentMajor };
  await Promise.all(
    places.map(async (p) => {
      servers[p] = await startOwnServer(p, majors[p]);
      await addCommon(servers[p], p);
    }),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(places.filter((p) => p in servers).map((p) => servers[p].stop()));
});

const rolesList = () => page.getByRole('list', { name: 'Roles' });
const roleCount = (role: string) => rolesList().getByRole('listitem', { name: new RegExp(`^${role}\\b`) }).count();
const cellsOf = (role: string) => matrixGrid(page).getByRole('gridcell', { name: new RegExp(`^${role} on `) }).count();
const cellLabel = async (role: string, relation: string) => (await matrixCell(page, role, relation).getAttribute('aria-label')) ?? '';
const currentServer = () => page.getByLabel('Current server').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');

/** Every panel shows `place`'s `database`, whose table `relation` its clerks read, and nothing of the others. */
async function expectEverywhere(place: Place, database: string, relation: string): Promise<void> {
  await expect.poll(() => cellLabel(`${place}_clerk`, relation), { timeout: 30_000 }).toBe(`${place}_clerk on ${relation}: SELECT`);
  expect(await page.getByRole('heading', { name: `Privilege matrix · ${database}`, exact: true }).count()).toBe(1);
  expect(await currentServer()).toMatch(new RegExp(`^${names[place]} `));
  expect(await treeItemIn(page, names[place], database).getAttribute('aria-selected')).toBe('true');
  await expect.poll(() => roleCount(`${place}_clerk`), { timeout: 30_000 }).toBe(1);
  for (const other of places.filter((p) => p !== place)) {
    expect(await roleCount(`${other}_clerk`), `roles of ${other} listed while ${place} is chosen`).toBe(0);
    expect(await cellsOf(`${other}_clerk`), `matrix rows of ${other} shown while ${place} is chosen`).toBe(0);
  }
  const why = whyPanel(page);
  if ((await why.count()) > 0) expect(await why.innerText()).not.toMatch(new RegExp(places.filter((p) => p !== place).join('|')));
}

describe('three servers, switched while their loads are in flight', () => {
  it('adds three servers, each with its databases in the tree', async () => {
    await page.goto(session().app.url);
    await expect.poll(() => page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name: 'Demo server', exact: true }).count(), { timeout: 60_000 }).toBe(1);
    for (const p of places) await addServerByUrl(page, servers[p].url, names[p], false);
    for (const p of places) {
      await expandItem(page, names[p]);
      await expect.poll(() => treeItemIn(page, names[p], 'common').count(), { timeout: 30_000 }).toBe(1);
      expect(await treeItemIn(page, names[p], `${p}db`).count()).toBe(1);
    }
  }, 120_000);

  it('ends on the server chosen last when the earlier choices answer after it', async () => {
    const releases = await Promise.all([servers.north.blockCatalogReads('common'), servers.south.blockCatalogReads('common')]);
    const before = catalogReplies.length;
    try {
      await selectItem(page, treeItemIn(page, names.north, 'common'));
      await selectItem(page, treeItemIn(page, names.south, 'common'));
      // Both loads are really held on their servers.
      await expect.poll(async () => (await servers.north.lockWaiters()) + (await servers.south.lockWaiters()), { timeout: 20_000 }).toBe(2);
      await selectItem(page, treeItemIn(page, names.east, 'common'));
      await expectEverywhere('east', 'common', 'east.ledger');
    } finally {
      await Promise.all(releases.map((release) => release()));
    }
    // The held loads now answer, late: three catalog replies in all (north, south, east).
    await expect.poll(() => repliesFor(before, 'common'), { timeout: 30_000 }).toBe(3);
    await expectEverywhere('east', 'common', 'east.ledger');
    await openWhy(page, 'east_clerk', 'east.ledger');
    await page.getByLabel('Filter by role or table name').fill('');
  }, 90_000);

  it('ends on the database chosen last when switching within a server and across servers', async () => {
    const release = await servers.east.blockCatalogReads();
    const before = catalogReplies.length;
    try {
      await selectItem(page, treeItemIn(page, names.east, 'eastdb'));
      await expect.poll(() => servers.east.lockWaiters(), { timeout: 20_000 }).toBe(1);
      await selectItem(page, treeItemIn(page, names.south, 'common'));
      await expectEverywhere('south', 'common', 'south.ledger');
      await selectItem(page, treeItemIn(page, names.north, 'northdb'));
      await expectEverywhere('north', 'northdb', 'north.orders');
    } finally {
      await release();
    }
    // East's held load answers (the only catalog read of this test that could be late).
    await expect.poll(() => repliesFor(before, 'eastdb'), { timeout: 30_000 }).toBe(1);
    await expectEverywhere('north', 'northdb', 'north.orders');
    await selectItem(page, treeItemIn(page, names.east, 'eastdb'));
    await expectEverywhere('east', 'eastdb', 'east.orders');
  }, 90_000);
});
