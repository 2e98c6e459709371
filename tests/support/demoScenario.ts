import { seedDemo } from '../../src/main/demo/seed';
import { quoteIdent as q } from '../../src/shared/sql/quote';
import type { TestServer } from './testServer';

/** The lesson's scenario on a test server; `role('readonly')` gives that role's real name. */
export interface DemoScenario {
  database: string;
  role(name: 'datatweets' | 'data_viewer' | 'readonly' | 'readwrite'): string;
  drop(): Promise<void>;
}

/**
 * On an embedded (fresh) cluster: the demo seed itself. On a shared server
 * (WARDEN_TEST_PG_URL): the same tables and grants without rows, under suffixed names.
 */
export async function buildDemoScenario(server: TestServer): Promise<DemoScenario> {
  if (!server.external) {
    await seedDemo((db) => server.connect(db));
    return { database: 'datatweets', role: (n) => n, drop: () => Promise.resolve() };
  }
  const sfx = server.unique('').slice(1);
  const role = (n: string) => `${n}_${sfx}`;
  const database = role('datatweets');
  const owner = q(role('datatweets'));
  const admin = await server.connect('postgres');
  try {
    await admin.query(`CREATE ROLE ${owner} LOGIN`);
    await admin.query(`CREATE DATABASE ${q(database)} OWNER ${owner}`);
    await admin.query(`CREATE ROLE ${q(role('data_viewer'))} LOGIN SUPERUSER`);
    await admin.query(`CREATE ROLE ${q(role('readonly'))} NOLOGIN`);
    await admin.query(`CREATE ROLE ${q(role('readwrite'))} NOLOGIN`);
    await admin.query(`GRANT ${q(role('readonly'))} TO ${q(role('data_viewer'))}`);
  } finally {
    await admin.end();
  }
  const db = await server.connect(database);
  try {
    await db.query(`SET ROLE ${owner}`);
    await db.query('CREATE TABLE users (id int PRIMARY KEY, username text)');
    await db.query('CREATE TABLE accounts (id int PRIMARY KEY, user_id int REFERENCES users)');
    await db.query('CREATE TABLE sales (id int PRIMARY KEY, account_id int REFERENCES accounts, region text, amount numeric)');
    await db.query('CREATE VIEW sales_by_region AS SELECT region, count(*) AS sales, sum(amount) AS total FROM sales GROUP BY region');
    await db.query('CREATE SCHEMA user_data');
    await db.query('CREATE TABLE user_data.users (user_id int PRIMARY KEY REFERENCES public.users, bio text)');
    await db.query(`REVOKE ALL ON users FROM ${q(role('data_viewer'))}`);
    await db.query(`GRANT SELECT ON users TO ${q(role('data_viewer'))}`);
    await db.query(`REVOKE ALL ON users FROM ${q(role('readonly'))}`);
    await db.query(`GRANT SELECT ON users TO ${q(role('readonly'))}`);
    await db.query(`REVOKE ALL ON users FROM ${q(role('readwrite'))}`);
    await db.query(`GRANT SELECT, INSERT, DELETE, UPDATE ON users TO ${q(role('readwrite'))}`);
  } finally {
    await db.end();
  }
  const drop = async () => {
    const c = await server.connect('postgres');
    try {
      await c.query(`DROP DATABASE IF EXISTS ${q(database)} WITH (FORCE)`);
      for (const n of ['data_viewer', 'readonly', 'readwrite', 'datatweets']) await c.query(`DROP ROLE IF EXISTS ${q(role(n))}`);
    } finally {
      await c.end();
    }
  };
  return { database, role, drop };
}
