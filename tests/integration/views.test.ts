import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import type { CatalogSnapshot } from '../../src/shared/catalog/snapshot';
import { buildAccessContext, type AccessContext } from '../../src/shared/privileges/accessColumn';
import { databaseRights, namesOf, relevantRelationRights, schemaRights } from '../../src/shared/privileges/bits';
import { quoteIdent as qi } from '../../src/shared/sql/quote';
import { relationView } from '../../src/shared/views/relationView';
import { roleView, viewEngine, type RoleView } from '../../src/shared/views/roleView';
import { startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: the role view and the relation view must be as exact as the matrix (issue 13 item 4):
// on a small catalog with every source of a right (direct, a group two levels up, PUBLIC,
// the owner, an owning group, a superuser, pg_read_all_data, pg_database_owner) and every
// membership option (INHERIT FALSE, SET FALSE, ADMIN, a NOINHERIT role), each row of each
// view is checked against has_table_privilege / has_sequence_privilege /
// has_schema_privilege / has_database_privilege (with and without GRANT OPTION), and the
// server's yes-answers must each be a row: nothing more, nothing less. Memberships are
// checked against pg_has_role (MEMBER, USAGE, SET).

type Fact = string;

describe.each(testMajors())('role and relation views against the server, PostgreSQL %s', (major) => {
  let server: TestServer;
  let c: pg.Client;
  let db = '';
  let snapshot: CatalogSnapshot;
  let ctx: AccessContext;
  const roles = ['owner', 'readers', 'analysts', 'ann', 'noinh', 'setless', 'cut', 'boss', 'bot', 'dba', 'admin', 'team'] as const;
  const r = (name: (typeof roles)[number]) => qi(`v "${name}"`);

  beforeAll(async () => {
    server = await startTestServer(major);
    db = server.unique('views');
    const admin = await server.connect();
    try {
      await admin.query(`CREATE DATABASE ${qi(db)}`);
      for (const name of roles) {
        const login = ['readers', 'analysts', 'team'].includes(name) ? 'NOLOGIN' : 'LOGIN';
        await admin.query(`CREATE ROLE ${r(name)} ${login}${name === 'noinh' ? ' NOINHERIT' : ''}${name === 'boss' ? ' SUPERUSER' : ''}`);
      }
      const modern = server.major >= 16;
      await admin.query(`GRANT ${r('readers')} TO ${r('analysts')}`);
      await admin.query(`GRANT ${r('analysts')} TO ${r('ann')}`);
      await admin.query(`GRANT ${r('readers')} TO ${r('noinh')}`);
      await admin.query(`GRANT ${r('readers')} TO ${r('setless')}${modern ? ' WITH SET FALSE' : ''}`);
      await admin.query(`GRANT ${r('readers')} TO ${r('cut')}${modern ? ' WITH INHERIT FALSE' : ''}`);
      await admin.query(`GRANT ${r('readers')} TO ${r('admin')} WITH ADMIN OPTION`);
      await admin.query(`GRANT ${r('team')} TO ${r('ann')}`);
      await admin.query(`GRANT pg_read_all_data TO ${r('bot')}`);
      await admin.query(`ALTER DATABASE ${qi(db)} OWNER TO ${r('dba')}`);
      await admin.query(`REVOKE CONNECT ON DATABASE ${qi(db)} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE ${qi(db)} TO ${r('readers')}`);
      await admin.query(`GRANT CREATE ON DATABASE ${qi(db)} TO ${r('ann')} WITH GRANT OPTION`);
    } finally {
      await admin.end();
    }
    c = await server.connect(db);
    const q = (sql: string) => c.query(sql);
    await q(`CREATE SCHEMA "App Data" AUTHORIZATION ${r('owner')}`);
    await q(`CREATE SCHEMA locked AUTHORIZATION ${r('owner')}`);
    await q(`GRANT USAGE ON SCHEMA "App Data" TO ${r('readers')}`);
    await q(`GRANT CREATE ON SCHEMA "App Data" TO ${r('ann')}`);
    await q(`CREATE TABLE "App Data".t1 (id int)`);
    await q(`CREATE TABLE "App Data".t2 (id int)`);
    await q(`CREATE VIEW "App Data".v1 AS SELECT 1 AS x`);
    await q(`CREATE SEQUENCE "App Data".seq1`);
    await q(`CREATE TABLE locked.t3 (id int)`);
    await q(`CREATE TABLE "App Data".t4 (id int)`);
    for (const t of ['"App Data".t1', '"App Data".t2', '"App Data".v1', '"App Data".seq1', 'locked.t3']) await q(`ALTER TABLE ${t} OWNER TO ${r('owner')}`);
    await q(`ALTER TABLE "App Data".t4 OWNER TO ${r('team')}`);
    await q(`GRANT SELECT ON "App Data".t1 TO ${r('readers')}`);
    await q(`GRANT INSERT ON "App Data".t1 TO ${r('ann')} WITH GRANT OPTION`);
    await q(`GRANT REFERENCES ON "App Data".t1 TO PUBLIC`);
    await q(`GRANT SELECT ON "App Data".v1 TO ${r('analysts')}`);
    await q(`GRANT USAGE ON SEQUENCE "App Data".seq1 TO ${r('readers')}`);
    await q(`GRANT UPDATE ON locked.t3 TO ${r('cut')}, ${r('noinh')}`);
    await q(`GRANT SELECT ON "App Data".t4 TO ${r('readers')}`);
    snapshot = await loadCatalog(c);
    ctx = buildAccessContext(snapshot);
  });

  afterAll(async () => {
    await c.end();
    await server.stop();
  });

  /** Every privilege the server says `roleOid` holds, as "kind:object:PRIV[*]" facts, over every relation, schema and the database. */
  async function serverFacts(roleOid: number): Promise<Set<Fact>> {
    const facts = new Set<Fact>();
    const ask = async (sql: string, params: unknown[]) => {
      const res = await c.query<{ fact: string; has: boolean; wgo: boolean }>(sql, params);
      for (const row of res.rows) if (row.has) facts.add(`${row.fact}${row.wgo ? '*' : ''}`);
    };
    const rels = snapshot.relations.filter((x) => x.kind !== 'S');
    const seqs = snapshot.relations.filter((x) => x.kind === 'S');
    const relPrivs = namesOf(relevantRelationRights('r', snapshot.serverMajor));
    await ask(
      `SELECT 'rel:' || c.oid || ':' || p AS fact, has_table_privilege($1::oid, c.oid, p) AS has, has_table_privilege($1::oid, c.oid, p || ' WITH GRANT OPTION') AS wgo
       FROM pg_class c CROSS JOIN unnest($2::text[]) AS p WHERE c.oid = ANY($3::oid[])`,
      [roleOid, relPrivs, rels.map((x) => x.oid)],
    );
    await ask(
      `SELECT 'rel:' || c.oid || ':' || p AS fact, has_sequence_privilege($1::oid, c.oid, p) AS has, has_sequence_privilege($1::oid, c.oid, p || ' WITH GRANT OPTION') AS wgo
       FROM pg_class c CROSS JOIN unnest($2::text[]) AS p WHERE c.oid = ANY($3::oid[])`,
      [roleOid, ['USAGE', 'SELECT', 'UPDATE'], seqs.map((x) => x.oid)],
    );
    await ask(
      `SELECT 'schema:' || n.oid || ':' || p AS fact, has_schema_privilege($1::oid, n.oid, p) AS has, has_schema_privilege($1::oid, n.oid, p || ' WITH GRANT OPTION') AS wgo
       FROM pg_namespace n CROSS JOIN unnest($2::text[]) AS p WHERE n.oid = ANY($3::oid[])`,
      [roleOid, namesOf(schemaRights), snapshot.schemas.map((s) => s.oid)],
    );
    await ask(
      `SELECT 'db:' || d.oid || ':' || p AS fact, has_database_privilege($1::oid, d.oid, p) AS has, has_database_privilege($1::oid, d.oid, p || ' WITH GRANT OPTION') AS wgo
       FROM pg_database d CROSS JOIN unnest($2::text[]) AS p WHERE d.datname = current_database()`,
      [roleOid, namesOf(databaseRights)],
    );
    return facts;
  }

  function viewFacts(v: RoleView): Set<Fact> {
    const facts = new Set<Fact>();
    for (const o of v.relations) for (const x of o.rights) facts.add(`rel:${o.oid}:${x.privilege}${x.grantable ? '*' : ''}`);
    for (const o of v.schemas) for (const x of o.rights) facts.add(`schema:${o.oid}:${x.privilege}${x.grantable ? '*' : ''}`);
    for (const x of v.databaseRights?.rights ?? []) facts.add(`db:${snapshot.database.oid}:${x.privilege}${x.grantable ? '*' : ''}`);
    return facts;
  }

  it('every row of every role view is a yes of the server, and every yes is a row', async () => {
    const engine = viewEngine(snapshot, ctx);
    // The fixture's roles, the bootstrap superuser and the predefined roles that hold something.
    const checked = snapshot.roles.filter((x) => x.name.startsWith('v "') || ['postgres', 'pg_read_all_data', 'pg_write_all_data', 'pg_database_owner'].includes(x.name));
    expect(checked.length).toBeGreaterThanOrEqual(roles.length + 4);
    let rows = 0;
    for (const role of checked) {
      const v = roleView(engine, role.oid);
      if (v === null) throw new Error(`${role.name} has no view`);
      const mine = viewFacts(v);
      rows += mine.size;
      expect([...mine].sort(), `role view of ${role.name}`).toEqual([...(await serverFacts(role.oid))].sort());
      for (const o of [...v.relations, ...v.schemas]) for (const x of o.rights) expect(x.via.length, `${role.name} ${o.name} ${x.privilege}`).toBeGreaterThan(0);
    }
    expect(rows).toBeGreaterThan(200);
  });

  it('the sources are the expected ones: a group two levels up, PUBLIC, an owning group, pg_read_all_data, pg_database_owner', () => {
    const engine = viewEngine(snapshot, ctx);
    const oid = (name: string) => snapshot.roles.find((x) => x.name === name)?.oid ?? -1;
    const words = (roleName: string, objName: string) => {
      const v = roleView(engine, oid(roleName));
      const o = [...(v?.relations ?? []), ...(v?.schemas ?? [])].find((x) => x.name === objName);
      return (o?.rights ?? []).map((x) => `${x.privilege}${x.grantable ? '*' : ''} ${x.via.map((s) => `${s.via}:${s.holder ?? ''}`).join('+')}`);
    };
    expect(words('v "ann"', 't1')).toEqual(['SELECT group:v "readers"', 'INSERT* direct:', 'REFERENCES public:']);
    expect(words('v "ann"', 't4')).toEqual(expect.arrayContaining(['SELECT* owner:v "team"+group:v "readers"']));
    expect(words('v "bot"', 't3')).toEqual(['SELECT predefined:pg_read_all_data']);
    expect(words('v "noinh"', 't1')).toEqual(['REFERENCES public:']);
    expect(words('v "cut"', 't3')).toEqual(['UPDATE direct:']);
    // why: from 15 public belongs to pg_database_owner, which the database owner is implicitly in.
    if (snapshot.serverMajor >= 15) expect(words('v "dba"', 'public')).toEqual(['USAGE* owner:pg_database_owner+public:', 'CREATE* owner:pg_database_owner']);
  });

  it('the memberships graph agrees with pg_has_role: MEMBER for every role reached, USAGE and SET per role', async () => {
    const engine = viewEngine(snapshot, ctx);
    const modern = snapshot.serverMajor >= 16;
    for (const role of snapshot.roles.filter((x) => x.name.startsWith('v "') && !x.superuser)) {
      const v = roleView(engine, role.oid);
      if (v === null) throw new Error('no view');
      const res = await c.query<{ oid: number; member: boolean; usage: boolean; set: boolean | null; up_member: boolean; up_usage: boolean; up_set: boolean | null }>(
        `SELECT r.oid::int AS oid,
                pg_has_role($1::oid, r.oid, 'MEMBER') AS member, pg_has_role($1::oid, r.oid, 'USAGE') AS usage,
                ${modern ? `pg_has_role($1::oid, r.oid, 'SET')` : 'NULL::bool'} AS set,
                pg_has_role(r.oid, $1::oid, 'MEMBER') AS up_member, pg_has_role(r.oid, $1::oid, 'USAGE') AS up_usage,
                ${modern ? `pg_has_role(r.oid, $1::oid, 'SET')` : 'NULL::bool'} AS up_set
         FROM pg_roles r WHERE r.oid <> $1::oid AND NOT r.rolsuper`,
        [role.oid],
      );
      const nodes = new Map(v.memberships.nodes.map((n) => [n.oid, n]));
      for (const row of res.rows) {
        const n = nodes.get(row.oid);
        const where = `${role.name} and ${snapshot.roles.find((x) => x.oid === row.oid)?.name ?? row.oid}`;
        // Above: the role is a member of it; below: it is a member of the role.
        expect(n !== undefined && n.layer < 0, `${where}: group above`).toBe(row.member);
        if (row.member) {
          expect(n?.inherits, `${where}: privileges flow up`).toBe(row.usage);
          expect(n?.canSet, `${where}: SET ROLE to it`).toBe(modern ? row.set : true);
        }
        expect(n !== undefined && n.layer > 0, `${where}: member below`).toBe(row.up_member);
        if (row.up_member) {
          expect(n?.inherits, `${where}: privileges flow down`).toBe(row.up_usage);
          expect(n?.canSet, `${where}: SET ROLE from below`).toBe(modern ? row.up_set : true);
        }
      }
    }
  });

  it('every holder of every relation view is a yes of has_table_privilege, with schema USAGE and CONNECT as the server says', async () => {
    let holders = 0;
    for (const rel of snapshot.relations.filter((x) => snapshot.schemas.find((s) => s.oid === x.schemaOid)?.name !== 'pg_catalog')) {
      const v = relationView(snapshot, ctx, rel.oid);
      if (v === null) throw new Error('no view');
      const fn = rel.kind === 'S' ? 'has_sequence_privilege' : 'has_table_privilege';
      const privs = rel.kind === 'S' ? ['USAGE', 'SELECT', 'UPDATE'] : namesOf(relevantRelationRights('r', snapshot.serverMajor));
      const res = await c.query<{ role: number; p: string; has: boolean; wgo: boolean; usage: boolean; connect: boolean }>(
        `SELECT r.oid::int AS role, p, ${fn}(r.oid, $1::oid, p) AS has, ${fn}(r.oid, $1::oid, p || ' WITH GRANT OPTION') AS wgo,
                has_schema_privilege(r.oid, $2::oid, 'USAGE') AS usage, has_database_privilege(r.oid, current_database(), 'CONNECT') AS connect
         FROM pg_roles r CROSS JOIN unnest($3::text[]) AS p`,
        [rel.oid, rel.schemaOid, privs],
      );
      const server = new Set(res.rows.filter((x) => x.has).map((x) => `${x.role}:${x.p}${x.wgo ? '*' : ''}:${x.usage ? 'U' : '-'}${x.connect ? 'c' : '-'}`));
      const mine = new Set(v.holders.flatMap((h) => h.rights.map((x) => `${h.oid}:${x.privilege}${x.grantable ? '*' : ''}:${h.schemaUsage ? 'U' : '-'}${h.connect ? 'c' : '-'}`)));
      expect([...mine].sort(), `relation view of ${v.schema}.${v.name}`).toEqual([...server].sort());
      holders += v.holders.length;
    }
    expect(holders).toBeGreaterThan(30);
  });
});
