import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { scramSha256Verifier } from '../backend/scram';
import { quoteLiteral } from '../../shared/sql/quote';
import { fakeUsers } from './fakeUsers';

/** Opens a client to a database of the demo server as the superuser. */
export type DemoConnect = (database: string) => Promise<pg.Client>;

/** Roles the seed creates; a half-done seed is cleared by dropping them. */
export const seededRoles = ['data_viewer', 'readonly', 'readwrite', 'datatweets'] as const;

/** Rows in the generated tables. */
export const seedSizes = { users: 10_000, accounts: 1_000, sales: 5_000 } as const;

/** Passwords of the seeded roles that may log in (the owner `datatweets` has none, on purpose). */
export interface SeedPasswords {
  data_viewer: string;
}

/** Fresh random passwords for the seeded logins (the demo keeps them in its 0600 state file). */
export function freshSeedPasswords(): SeedPasswords {
  return { data_viewer: randomBytes(24).toString('base64url') };
}

/**
 * The lesson's scenario (docs/demo.md), including its trap: data_viewer is a SUPERUSER
 * whose SELECT-only grant means nothing. Everything but CREATE DATABASE runs in one
 * transaction; a seed that died halfway is cleared and redone.
 */
export async function seedDemo(connect: DemoConnect, passwords: SeedPasswords = freshSeedPasswords()): Promise<void> {
  const admin = await connect('postgres');
  try {
    await admin.query('DROP DATABASE IF EXISTS datatweets WITH (FORCE)');
    for (const role of seededRoles) await admin.query(`DROP ROLE IF EXISTS ${role}`);
    // why: the lesson's owner has no password; Warden's findings flag exactly that.
    await admin.query('CREATE ROLE datatweets LOGIN');
    await admin.query('CREATE DATABASE datatweets OWNER datatweets');
  } finally {
    await admin.end();
  }
  const db = await connect('datatweets');
  try {
    await db.query('BEGIN');
    await db.query('SET LOCAL ROLE datatweets');
    await createTables(db);
    await fillTables(db);
    await db.query('RESET ROLE');
    // why: the lesson's password "secret" would open a superuser (and COPY … TO PROGRAM, the
    // cluster's OS account) to every local user, since the demo listens on 127.0.0.1. The
    // trap stays visible (SUPERUSER with a SELECT grant) behind a random password, sent
    // only as a SCRAM verifier computed here.
    await db.query(`CREATE ROLE data_viewer LOGIN SUPERUSER PASSWORD ${quoteLiteral(scramSha256Verifier(passwords.data_viewer))}`);
    await db.query('CREATE ROLE readonly NOLOGIN');
    await db.query('CREATE ROLE readwrite NOLOGIN');
    await db.query('SET LOCAL ROLE datatweets');
    await db.query('REVOKE ALL ON users FROM data_viewer');
    await db.query('GRANT SELECT ON users TO data_viewer');
    await db.query('REVOKE ALL ON users FROM readonly');
    await db.query('GRANT SELECT ON users TO readonly');
    await db.query('REVOKE ALL ON users FROM readwrite');
    await db.query('GRANT SELECT, INSERT, DELETE, UPDATE ON users TO readwrite');
    await db.query('RESET ROLE');
    await db.query('GRANT readonly TO data_viewer');
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

async function createTables(db: pg.Client): Promise<void> {
  await db.query(`CREATE TABLE users (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username text NOT NULL UNIQUE,
    email text NOT NULL,
    full_name text NOT NULL,
    country char(2) NOT NULL,
    signup_date date NOT NULL,
    is_active boolean NOT NULL)`);
  await db.query(`CREATE TABLE accounts (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users,
    balance numeric(12,2) NOT NULL,
    opened_on date NOT NULL)`);
  await db.query(`CREATE TABLE sales (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts,
    amount numeric(12,2) NOT NULL,
    region text NOT NULL,
    sold_at timestamptz NOT NULL)`);
  await db.query(`CREATE VIEW sales_by_region AS
    SELECT region, count(*) AS sales, sum(amount) AS total FROM sales GROUP BY region`);
  await db.query('CREATE SCHEMA user_data');
  await db.query(`CREATE TABLE user_data.users (
    user_id integer PRIMARY KEY REFERENCES public.users,
    bio text,
    preferences jsonb NOT NULL DEFAULT '{}')`);
}

async function fillTables(db: pg.Client): Promise<void> {
  const users = fakeUsers(seedSizes.users);
  // why: one INSERT … SELECT FROM unnest per table keeps 10,000 rows to a single round trip.
  await db.query(
    `INSERT INTO users (username, email, full_name, country, signup_date, is_active)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::boolean[])`,
    [users.map((u) => u.username), users.map((u) => u.email), users.map((u) => u.fullName), users.map((u) => u.country), users.map((u) => u.signupDate), users.map((u) => u.isActive)],
  );
  await db.query(
    `INSERT INTO accounts (user_id, balance, opened_on)
     SELECT 1 + (g * 7919) % $1, round(((g * 104729) % 1000000) / 100.0, 2), date '2020-01-01' + (g % 1800)
     FROM generate_series(1, $2) AS g`,
    [seedSizes.users, seedSizes.accounts],
  );
  await db.query(
    `INSERT INTO sales (account_id, amount, region, sold_at)
     SELECT 1 + (g * 31) % $1, round(((g * 7907) % 50000) / 100.0, 2),
            (ARRAY['north','south','east','west'])[1 + g % 4],
            timestamptz '2025-01-01 00:00:00+00' + make_interval(mins => g * 97)
     FROM generate_series(1, $2) AS g`,
    [seedSizes.accounts, seedSizes.sales],
  );
  await db.query(`INSERT INTO user_data.users (user_id, bio) SELECT id, 'Generated profile ' || id FROM users WHERE id <= 100`);
}
