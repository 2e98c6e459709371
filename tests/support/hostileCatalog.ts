import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { quoteIdent } from '../../src/shared/sql/quote';
import { seededRandom as prng } from '../../src/shared/random';
import type { TestServer } from './testServer';

// why: a deterministic (seeded) catalog that exercises every rule of docs/privileges.md §2–§3 with
// names that break naive quoting, small enough to build and check in a few seconds.

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Pads `base` with `fill` so that base + padding + tag is exactly 63 bytes. */
function longName(base: string, fill: string, tag: string): string {
  let s = base;
  while (bytes(s + fill + tag) <= 63) s += fill;
  while (bytes(s + tag) < 63) s += 'x';
  return s + tag;
}

const hostileBases = [
  'Quo"te', 'sp ace', 'CAPS', 'do.t', 'da-sh', 'eq=ual', 'com,ma', '😀 emoji', 'back\\slash', 'sl/ash',
  "apo'strophe", 'NULL', 'brace{}', 'star*', 'at@sign', 'plain', 'Ünïcödé', 'semi;colon', 'new"" =x,y', 'line\nbreak',
];

/** What the generator built; `drop` removes the database and the roles. */
export interface HostileCatalog {
  database: string;
  roles: string[];
  drop(): Promise<void>;
}

interface Rel {
  name: string;
  kind: 'table' | 'partitioned' | 'partition' | 'view' | 'matview' | 'sequence';
  owner: string;
}

/** Builds roles (cluster-wide, suffixed) and one database full of relations and grants. */
export async function buildHostileCatalog(server: TestServer, seed: number, size = { roles: 25, relations: 60 }): Promise<HostileCatalog> {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const q = quoteIdent;
  const tag = `_${randomBytes(3).toString('hex')}`;
  const major = server.major;

  const groups = ['Grp "one"', 'grp.two', 'GRP three', 'grp=four'].map((g) => g + tag);
  const [g1, g2, g3, g4] = groups as [string, string, string, string];
  const adm = `adm, grantor${tag}`;
  const superRole = `Super User${tag}`;
  const userCount = size.roles - groups.length - 2;
  const users: string[] = [];
  for (let i = 0; i < userCount; i++) {
    if (i === 0) users.push(longName('long', 'x', tag));
    else if (i === 1) users.push(longName('😀', '😀', tag));
    else users.push(`${hostileBases[i % hostileBases.length]}${i}${tag}`);
  }
  const roles = [...groups, adm, superRole, ...users];
  const everyone = [...groups, ...users];

  const cluster: string[] = [];
  for (const g of groups) cluster.push(`CREATE ROLE ${q(g)} NOLOGIN${g === g4 ? ' NOINHERIT' : ''}`);
  cluster.push(`CREATE ROLE ${q(adm)} LOGIN`, `CREATE ROLE ${q(superRole)} SUPERUSER NOLOGIN`);
  users.forEach((u, i) => cluster.push(`CREATE ROLE ${q(u)} ${i % 4 === 3 ? 'NOINHERIT' : 'INHERIT'} ${rnd() < 0.5 ? 'LOGIN' : 'NOLOGIN'}`));
  // Depth 3: user ∈ g1 ∈ g2 ∈ g3; g4 (NOINHERIT itself) ∈ g3.
  cluster.push(`GRANT ${q(g2)} TO ${q(g1)}`, `GRANT ${q(g3)} TO ${q(g2)}`, `GRANT ${q(g3)} TO ${q(g4)}`);
  cluster.push(`GRANT pg_read_all_data TO ${q(g3)}`);
  for (const g of groups) cluster.push(`GRANT ${q(g)} TO ${q(adm)} WITH ADMIN OPTION`);
  for (const u of users) {
    for (const g of groups) {
      if (rnd() >= 0.3) continue;
      if (major >= 16) {
        const inherit = rnd() < 0.7;
        cluster.push(`GRANT ${q(g)} TO ${q(u)} WITH INHERIT ${inherit}, SET ${rnd() < 0.8}`);
        // why: 16+ keeps one membership row per grantor, each with its own INHERIT option.
        if (rnd() < 0.4) cluster.push(`GRANT ${q(g)} TO ${q(u)} WITH INHERIT ${!inherit} GRANTED BY ${q(adm)}`);
      } else {
        cluster.push(`GRANT ${q(g)} TO ${q(u)}`);
      }
    }
    if (rnd() < 0.12) cluster.push(`GRANT pg_read_all_data TO ${q(u)}`);
    if (rnd() < 0.12) cluster.push(`GRANT pg_write_all_data TO ${q(u)}`);
    if (major >= 17 && rnd() < 0.12) cluster.push(`GRANT pg_maintain TO ${q(u)}`);
  }
  const database = `Ora "db", =1 ${seed}${tag}`;
  const dbOwner = pick(users);
  const admin = await server.connect('postgres');
  try {
    for (const sql of cluster) await admin.query(sql);
    await admin.query(`CREATE DATABASE ${q(database)} OWNER ${q(dbOwner)}`);
  } finally {
    await admin.end();
  }
  const db = await server.connect(database);
  try {
    await populate(db, { rnd, pick, major, database, everyone, users, g4, relations: size.relations });
  } finally {
    await db.end();
  }
  const drop = async () => {
    const c = await server.connect('postgres');
    try {
      await c.query(`DROP DATABASE IF EXISTS ${q(database)} WITH (FORCE)`);
      for (const r of roles) await c.query(`DROP ROLE IF EXISTS ${q(r)}`);
    } finally {
      await c.end();
    }
  };
  return { database, roles, drop };
}

interface Ctx {
  rnd: () => number;
  pick: <T>(a: readonly T[]) => T;
  major: number;
  database: string;
  everyone: string[];
  users: string[];
  g4: string;
  relations: number;
}

async function populate(db: pg.Client, c: Ctx): Promise<void> {
  const { rnd, pick, major, everyone } = c;
  const q = quoteIdent;
  const run = async (sql: string, as?: string) => {
    if (as) await db.query(`SET ROLE ${q(as)}`);
    try {
      await db.query(sql);
    } finally {
      if (as) await db.query('RESET ROLE');
    }
  };
  // why: some random re-grants are circular ("cannot be granted back to your own
  // grantor", 0LP01); the server refuses them, deterministically, so skip those.
  const regrant = (sql: string, as: string) =>
    run(sql, as).catch((err: unknown) => {
      if (!(err instanceof Error && 'code' in err && err.code === '0LP01')) throw err;
    });
  await run(`REVOKE CONNECT, TEMPORARY ON DATABASE ${q(c.database)} FROM PUBLIC`);
  await run(`GRANT CONNECT ON DATABASE ${q(c.database)} TO ${q(c.g4)}, ${q(pick(c.users))} WITH GRANT OPTION`);
  await run(`GRANT CONNECT, CREATE ON DATABASE ${q(c.database)} TO ${q(pick(c.users))}`);
  const narrow: (() => Promise<void>)[] = [];
  const schemas = ['public', 'Sch ema', 'sch.dot', 'Ünï "q"', longName('s', 's', '')];
  for (const s of schemas.slice(1)) {
    const owner = pick(everyone);
    await run(`CREATE SCHEMA ${q(s)} AUTHORIZATION ${q(owner)}`);
    await run(`GRANT USAGE ON SCHEMA ${q(s)} TO ${q(pick(everyone))} WITH GRANT OPTION`, owner);
    if (rnd() < 0.5) await run(`GRANT CREATE ON SCHEMA ${q(s)} TO ${q(pick(everyone))}`, owner);
    // why: grantors below look relations up by name, which needs USAGE; narrowed at the end.
    await run(`GRANT USAGE ON SCHEMA ${q(s)} TO PUBLIC`, owner);
    const keepPublic = rnd() < 0.4;
    const revokeOwner = rnd() < 0.3;
    narrow.push(async () => {
      if (!keepPublic) await run(`REVOKE USAGE ON SCHEMA ${q(s)} FROM PUBLIC`, owner);
      if (revokeOwner) await run(`REVOKE USAGE ON SCHEMA ${q(s)} FROM ${q(owner)}`, owner);
    });
  }
  await run(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);

  const tablePrivs = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', ...(major >= 17 ? ['MAINTAIN'] : [])];
  const seqPrivs = ['USAGE', 'SELECT', 'UPDATE'];
  const kinds: Rel['kind'][] = ['table', 'table', 'table', 'view', 'view', 'matview', 'sequence', 'sequence', 'partitioned'];
  const rels: Rel[] = [];
  for (let i = 0; rels.length < c.relations - 2; i++) {
    // why: relations 2 and 3 share a schema so that an emoji name and one from U+E000 up
    // must be ordered by code point (C collation), not by UTF-16 code unit.
    const pinned: Record<number, string> = { 0: longName('rel', 'r', ''), 1: 'line\nbreak, "1"', 2: '😀 first by UTF-16', 3: '\uFF46 first by code point' };
    const schema = i === 2 || i === 3 ? (schemas[0] ?? pick(schemas)) : pick(schemas);
    const kind = pick(kinds);
    const base = pinned[i] ?? `${pick(hostileBases)} ${i}`;
    const name = `${q(schema)}.${q(base)}`;
    const owner = pick(everyone);
    const cols = '(a int, b text, "Col ""c""" int)';
    if (kind === 'table') await run(`CREATE TABLE ${name} ${cols}`);
    if (kind === 'view') await run(`CREATE VIEW ${name} AS SELECT 1 AS a, 'x'::text AS b`);
    if (kind === 'matview') await run(`CREATE MATERIALIZED VIEW ${name} AS SELECT 1 AS a, 'x'::text AS b`);
    if (kind === 'sequence') await run(`CREATE SEQUENCE ${name}`);
    if (kind === 'partitioned') await run(`CREATE TABLE ${name} ${cols} PARTITION BY RANGE (a)`);
    const alter = kind === 'matview' ? 'MATERIALIZED VIEW' : kind === 'view' ? 'VIEW' : kind === 'sequence' ? 'SEQUENCE' : 'TABLE';
    await run(`ALTER ${alter} ${name} OWNER TO ${q(owner)}`);
    rels.push({ name, kind, owner });
    if (kind === 'partitioned') {
      const part = `${q(schema)}.${q(`${base.slice(0, 50)} part`)}`;
      await run(`CREATE TABLE ${part} PARTITION OF ${name} FOR VALUES FROM (0) TO (100)`);
      const partOwner = pick(everyone);
      await run(`ALTER TABLE ${part} OWNER TO ${q(partOwner)}`);
      rels.push({ name: part, kind: 'partition', owner: partOwner });
    }
  }
  // An identity column brings a sequence owned by the table (and its owner).
  await run(`CREATE TABLE public."with identity" (id int GENERATED ALWAYS AS IDENTITY, v text)`);
  await run(`ALTER TABLE public."with identity" OWNER TO ${q(pick(everyone))}`);

  for (const rel of rels) {
    if (rnd() < 0.2) continue; // relacl stays NULL: acldefault applies
    const on = rel.kind === 'sequence' ? `SEQUENCE ${rel.name}` : `TABLE ${rel.name}`;
    const avail = rel.kind === 'sequence' ? seqPrivs : tablePrivs;
    const grants = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < grants; k++) {
      const privs = avail.filter(() => rnd() < 0.4);
      if (privs.length === 0) privs.push(pick(avail));
      const toPublic = rnd() < 0.15;
      const grantee = toPublic ? null : pick(everyone);
      const wgo = grantee !== null && rnd() < 0.4;
      await run(`GRANT ${privs.join(', ')} ON ${on} TO ${grantee ? q(grantee) : 'PUBLIC'}${wgo ? ' WITH GRANT OPTION' : ''}`, rel.owner);
      if (wgo && grantee !== rel.owner && rnd() < 0.7) {
        // A non-owner re-grants with its own grant option: another grantor in the ACL.
        const next = pick(everyone);
        // why: grant options cannot be granted back to one's own grantor (the owner here).
        const again = next !== rel.owner && rnd() < 0.3;
        await regrant(`GRANT ${privs[0]} ON ${on} TO ${q(next)}${again ? ' WITH GRANT OPTION' : ''}`, grantee);
        if (again && next !== grantee) await regrant(`GRANT ${privs[0]} ON ${on} TO ${q(pick(everyone))}`, next);
      }
    }
    if (rnd() < 0.25) {
      // The owner's own rights live in the ACL and can be revoked.
      const what = rnd() < 0.3 ? 'ALL' : rel.kind === 'sequence' ? 'USAGE' : 'SELECT, TRUNCATE';
      await run(`REVOKE ${what} ON ${on} FROM ${q(rel.owner)}`, rel.owner);
    }
    if ((rel.kind === 'table' || rel.kind === 'partition') && rnd() < 0.4) {
      const wgo = rnd() < 0.5 ? ' WITH GRANT OPTION' : '';
      await run(`GRANT SELECT (a), UPDATE (b), REFERENCES ("Col ""c""") ON ${on} TO ${q(pick(everyone))}${wgo}`, rel.owner);
      if (rnd() < 0.5) await run(`GRANT INSERT (b) ON ${on} TO PUBLIC`, rel.owner);
    }
  }
  for (const step of narrow) await step();
}
