import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denseCatalogBatches } from '../../bench/denseCatalog';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { splitPage, streamRelations } from '../../src/main/backend/catalog/readRelations';
import { compareWithServer } from '../support/oracleCompare';
import { startTestServer, type TestServer } from '../support/testServer';

// The benchmark's dense catalog (bench/denseCatalog.ts), at a small size: its SQL runs on a
// real server, has the shape the benchmark claims, and Warden's matrix equals the server's
// has_table_privilege on it (the same generator builds the L and XL catalogs).

let server: TestServer;
let database = '';
let prefix = '';

beforeAll(async () => {
  server = await startTestServer();
  database = server.unique('dense');
  prefix = `${server.unique('dn')}_`;
  const admin = await server.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const c = await server.connect(database);
  try {
    for (const batch of denseCatalogBatches({ roles: 90, tables: 300, schemas: 5 }, prefix, server.major)) await c.query(`BEGIN;\n${batch};\nCOMMIT;`);
  } finally {
    await c.end();
  }
});

afterAll(async () => {
  const admin = await server.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    const roles = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)', [prefix]);
    for (const r of roles.rows) await admin.query(`DROP ROLE "${r.rolname}"`);
  } finally {
    await admin.end();
    await server.stop();
  }
});

describe('the dense benchmark catalog', () => {
  it('is the same SQL on every run', () => {
    const size = { roles: 90, tables: 300, schemas: 5 };
    expect(denseCatalogBatches(size, 'x_').join('\n')).toBe(denseCatalogBatches(size, 'x_').join('\n'));
  });

  it('has its shape on the server: NULL ACLs, PUBLIC, grant chains, column grants, spread owners, INHERIT FALSE', async () => {
    const c = await server.connect(database);
    try {
      const r = await c.query<{ tables: number; nulls: number; publics: number; chains: number; owners: number; columns: number; distinct: number }>(
        `SELECT count(*)::int AS tables,
                count(*) FILTER (WHERE relacl IS NULL)::int AS nulls,
                count(*) FILTER (WHERE relacl::text ~ '[{,]=')::int AS publics,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM aclexplode(relacl) x WHERE x.grantor <> c.relowner))::int AS chains,
                count(DISTINCT relowner)::int AS owners,
                count(DISTINCT relacl::text)::int AS distinct,
                (SELECT count(DISTINCT attrelid) FROM pg_attribute WHERE attacl IS NOT NULL)::int AS columns
         FROM pg_class c WHERE relnamespace::regnamespace::text LIKE $1 AND relkind IN ('r', 'v')`,
        [`${prefix}s_%`],
      );
      const s = r.rows[0];
      expect(s?.tables).toBe(300);
      expect(s?.nulls).toBeGreaterThan(60);
      expect(s?.nulls).toBeLessThan(140);
      expect(s?.publics).toBeGreaterThan(3);
      expect(s?.chains).toBeGreaterThan(3);
      expect(s?.owners).toBeGreaterThanOrEqual(4);
      expect(s?.columns).toBeGreaterThanOrEqual(1);
      expect(s?.distinct).toBeGreaterThan(50);
      if (server.major >= 16) {
        const m = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_auth_members WHERE NOT inherit_option AND member::regrole::text LIKE $1', [`${prefix}u_%`]);
        expect(m.rows[0]?.n).toBeGreaterThan(0);
      }
    } finally {
      await c.end();
    }
  });

  it("Warden's matrix equals has_table_privilege on every cell", async () => {
    const c = await server.connect(database);
    try {
      const snapshot = await loadCatalog(c, { columns: true });
      const result = await compareWithServer(c, snapshot);
      expect(result.checked).toBeGreaterThan(100_000);
      expect(result.mismatches.slice(0, 25), `${result.mismatches.length} mismatches`).toEqual([]);
    } finally {
      await c.end();
    }
  });

  it('two connections read disjoint parts of pg_class that together hold every relation, and the same snapshot', async () => {
    const c = await server.connect(database);
    const second = await server.connect(database);
    try {
      const one = await loadCatalog(c);
      const two = await loadCatalog(c, { relationsClient: second });
      expect(two).toEqual(one);
      const size = await c.query<{ pages: string }>(`SELECT pg_relation_size('pg_catalog.pg_class') / current_setting('block_size')::int AS pages`);
      const split = splitPage(Number(size.rows[0]?.pages));
      const before = await streamRelations(c, undefined, { before: split });
      const from = await streamRelations(c, undefined, { from: split });
      // why: on this catalog the split falls among the user relations, so both parts hold some.
      expect(before.length).toBeGreaterThan(0);
      expect(from.length).toBeGreaterThan(0);
      const oids = (rels: readonly { oid: number }[]) => rels.map((r) => r.oid).sort((a, b) => a - b);
      expect(oids([...before, ...from])).toEqual(oids(one.relations));
    } finally {
      await Promise.all([c.end(), second.end()]);
    }
  });
});
