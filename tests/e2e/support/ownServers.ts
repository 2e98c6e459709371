import type pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { currentMajor, majorInstalled, oldestMajor, startTestServer, type TestServer } from '../../support/testServer';

/** A PostgreSQL the e2e test adds to Warden as a user would, with a small scenario of its own. */
export interface OwnServer {
  server: TestServer;
  /** Its major version. */
  major: number;
  /** The database holding the scenario. */
  database: string;
  /** postgres://… for the scenario's database, as the superuser. */
  url: string;
  /**
   * Holds a lock that makes every catalog read of a database (default: `database`) wait
   * (a DBA's long migration), until the returned function is called.
   */
  blockCatalogReads(database?: string): Promise<() => Promise<void>>;
  /** How many of Warden's queries on this server wait for a lock right now. */
  lockWaiters(): Promise<number>;
  stop(): Promise<void>;
}

/** The major for a server that is not the demo's: the oldest one when installed. */
export function otherMajor(): number {
  return majorInstalled(oldestMajor) ? oldestMajor : currentMajor;
}

/**
 * Starts a real cluster seeded with `<prefix>_clerk` (a login in group `<prefix>_clerks`,
 * which reads `<prefix>.orders`) and `<prefix>.items`, in database `<prefix>db`.
 */
export async function startOwnServer(prefix: string, major: number): Promise<OwnServer> {
  const server = await startTestServer(major);
  try {
    return await seeded(server, prefix, major);
  } catch (err) {
    // why: a server whose seeding failed is stopped here; nobody else holds it.
    await server.stop();
    throw err;
  }
}

/**
 * An own server for a test file: started before its tests (before the file's own beforeAll,
 * which may seed more), stopped after them, also when starting failed halfway (then the file
 * fails with the start's error alone). The getter throws until it started.
 */
export function useOwnServer(prefix: string, major: number): () => OwnServer {
  let own: OwnServer | undefined;
  beforeAll(async () => {
    own = await startOwnServer(prefix, major);
  }, 120_000);
  afterAll(async () => {
    await own?.stop();
  });
  return () => {
    if (own === undefined) throw new Error(`The own server "${prefix}" is not started (use it inside tests or hooks).`);
    return own;
  };
}

async function seeded(server: TestServer, prefix: string, major: number): Promise<OwnServer> {
  const database = `${prefix}db`;
  const admin = await server.connect('postgres');
  try {
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`CREATE ROLE ${prefix}_clerks NOLOGIN; CREATE ROLE ${prefix}_clerk LOGIN IN ROLE ${prefix}_clerks`);
  } finally {
    await admin.end();
  }
  const c = await server.connect(database);
  try {
    await c.query(`CREATE SCHEMA ${prefix}; CREATE TABLE ${prefix}.orders (id int); CREATE TABLE ${prefix}.items (id int)`);
    await c.query(`GRANT USAGE ON SCHEMA ${prefix} TO ${prefix}_clerks; GRANT SELECT ON ${prefix}.orders TO ${prefix}_clerks`);
  } finally {
    await c.end();
  }
  const blockCatalogReads = async (db = database) => {
    const locker: pg.Client = await server.connect(db);
    // why: the catalog load reads pg_default_acl and nothing at connection start does, so
    // this holds exactly the load, on the server, the way a long DDL transaction would.
    await locker.query('BEGIN; LOCK TABLE pg_catalog.pg_default_acl IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    };
  };
  const lockWaiters = async () => {
    const c = await server.connect('postgres');
    try {
      const r = await c.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'Warden' AND wait_event_type = 'Lock'");
      return r.rowCount ?? 0;
    } finally {
      await c.end();
    }
  };
  return { server, major, database, url: server.url(database), blockCatalogReads, lockWaiters, stop: () => server.stop() };
}

/** Adds a server through Add server with its URL, named `name`, remembered or not. */
export async function addServerByUrl(page: Page, url: string, name: string, remember: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Add server', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add server' });
  await dialog.getByLabel('Connection URL').fill(url);
  await dialog.getByLabel('Connection URL').blur();
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  if (remember) await dialog.getByRole('checkbox', { name: 'Remember this server' }).check();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
}

/** The tree item of a name. */
export const treeItem = (page: Page, name: string) => page.getByRole('tree', { name: 'Database objects' }).getByRole('treeitem', { name, exact: true });

/** A tree item: its name (unique in the tree) or a locator (e.g. a database under one server). */
export type TreeItemRef = string | Locator;

const itemOf = (page: Page, ref: TreeItemRef): Locator => (typeof ref === 'string' ? treeItem(page, ref) : ref);

/** The tree item `name` under the tree item `parent` (names repeat across servers). */
export const treeItemIn = (page: Page, parent: string, name: string): Locator =>
  treeItem(page, parent).getByRole('treeitem', { name, exact: true });

/**
 * Selects a tree item from the keyboard (focus, Enter). why: a click lands where the item
 * was when it was measured, and a subtree still loading above it (the demo's databases on a
 * busy machine) moves it; the keyboard reaches the item itself.
 */
export async function selectItem(page: Page, ref: TreeItemRef): Promise<void> {
  const node = itemOf(page, ref);
  await expect.poll(() => node.count(), { timeout: 30_000 }).toBe(1);
  await node.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => node.getAttribute('aria-selected')).toBe('true');
}

/** Selects a tree item and expands it. */
export async function expandItem(page: Page, ref: TreeItemRef): Promise<void> {
  const node = itemOf(page, ref);
  await selectItem(page, node);
  if ((await node.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
  await expect.poll(() => node.getAttribute('aria-expanded')).toBe('true');
}
