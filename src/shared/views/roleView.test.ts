import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../catalog/snapshot';
import { buildAccessContext } from '../privileges/accessColumn';
import { bitForName, CONNECT, USAGE } from '../privileges/bits';
import { computeEffective } from '../privileges/effective';
import { cellBits } from '../privileges/matrixCells';
import { computeDatabaseAccess, computeSchemaAccess, type ObjectAccessMatrix } from '../privileges/objectAccess';
import { PG_DATABASE_OWNER_OID, PG_READ_ALL_DATA_OID } from '../privileges/predefined';
import { randomSnapshot } from '../privileges/testReference';
import { BOOTSTRAP_OID, PUBLIC_SCHEMA_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { relationView } from './relationView';
import { viaWords, type HeldRight } from './rights';
import { roleView, viewEngine, type RoleView } from './roleView';

/** A right list as the bits it stands for: privileges and grant options. */
function bitsOf(rights: readonly HeldRight[]): { privileges: number; grantable: number } {
  let privileges = 0;
  let grantable = 0;
  for (const r of rights) {
    privileges |= bitForName(r.privilege);
    if (r.grantable) grantable |= bitForName(r.privilege);
  }
  return { privileges, grantable };
}

function dense(m: ObjectAccessMatrix, roleOid: number, objectOid: number): { privileges: number; grantable: number } {
  const k = (m.objectIndex.get(objectOid) ?? 0) * m.roleOids.length + (m.roleIndex.get(roleOid) ?? 0);
  return { privileges: m.privileges[k] ?? 0, grantable: m.grantable[k] ?? 0 };
}

function viewOf(snap: CatalogSnapshot, roleOid: number): RoleView {
  const v = roleView(viewEngine(snap, buildAccessContext(snap)), roleOid);
  if (v === null) throw new Error('no such role');
  return v;
}

/** One relation's rights in a role view, as "PRIV[*]: via" lines. */
function rightsOn(v: RoleView, name: string): string[] {
  const o = [...v.relations, ...v.schemas, ...(v.databaseRights === null ? [] : [v.databaseRights])].find((x) => x.name === name);
  return (o?.rights ?? []).map((r) => `${r.privilege}${r.grantable ? '*' : ''}: ${viaWords(r.via)}`);
}

describe('the role view equals the matrix, the schema and the database access', () => {
  for (const major of [14, 15, 16, 17, 18]) {
    it(`on random hostile catalogs (${major})`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const snap = randomSnapshot(seed * 31 + major, major, 12, 30);
        const ctx = buildAccessContext(snap);
        const engine = viewEngine(snap, ctx);
        const m = computeEffective(snap, ctx);
        const schemas = computeSchemaAccess(snap, ctx);
        const db = computeDatabaseAccess(snap, ctx);
        snap.roles.forEach((role, i) => {
          const v = roleView(engine, role.oid);
          if (v === null) throw new Error('role missing');
          const seen = new Map(v.relations.map((o) => [o.oid, bitsOf(o.rights)]));
          snap.relations.forEach((rel, j) => {
            const cell = cellBits(m, i, j);
            const got = seen.get(rel.oid) ?? { privileges: 0, grantable: 0 };
            expect(got.privileges, `${role.name} on ${rel.name}`).toBe(cell.privileges);
            expect(got.grantable, `${role.name} on ${rel.name} (grant options)`).toBe(cell.grantable & cell.privileges);
          });
          const seenSchemas = new Map(v.schemas.map((o) => [o.oid, bitsOf(o.rights)]));
          for (const s of snap.schemas) {
            const want = dense(schemas, role.oid, s.oid);
            expect(seenSchemas.get(s.oid)?.privileges ?? 0, `${role.name} on schema ${s.name}`).toBe(want.privileges);
            expect(seenSchemas.get(s.oid)?.grantable ?? 0).toBe(want.grantable & want.privileges);
          }
          const wantDb = dense(db, role.oid, snap.database.oid);
          expect(v.databaseRights === null ? 0 : bitsOf(v.databaseRights.rights).privileges, `${role.name} on the database`).toBe(wantDb.privileges);
          for (const o of v.relations) for (const r of o.rights) expect(r.via.length, `${role.name} ${o.name} ${r.privilege} has a source`).toBeGreaterThan(0);
        });
      }
    });
  }
});

describe('the relation view equals the matrix column', () => {
  it('on random hostile catalogs (14 and 18)', () => {
    for (const major of [14, 18]) {
      for (let seed = 1; seed <= 8; seed++) {
        const snap = randomSnapshot(seed * 7 + major, major, 12, 20);
        const ctx = buildAccessContext(snap);
        const m = computeEffective(snap, ctx);
        const schemas = computeSchemaAccess(snap, ctx);
        const db = computeDatabaseAccess(snap, ctx);
        snap.relations.forEach((rel, j) => {
          const v = relationView(snap, ctx, rel.oid);
          if (v === null) throw new Error('relation missing');
          const holders = new Map(v.holders.map((h) => [h.oid, h]));
          snap.roles.forEach((role, i) => {
            const cell = cellBits(m, i, j);
            const h = holders.get(role.oid);
            expect(h === undefined ? 0 : bitsOf(h.rights).privileges, `${role.name} on ${rel.name}`).toBe(cell.privileges);
            if (h === undefined) return;
            expect(bitsOf(h.rights).grantable).toBe(cell.grantable & cell.privileges);
            const known = schemas.objectIndex.has(rel.schemaOid);
            expect(h.schemaUsage).toBe(known && (dense(schemas, role.oid, rel.schemaOid).privileges & USAGE) !== 0);
            expect(h.connect).toBe((dense(db, role.oid, snap.database.oid).privileges & CONNECT) !== 0);
          });
        });
      }
    }
  });
});

describe('where each right comes from', () => {
  it('a group reached through two levels, PUBLIC, a direct grant with grant option, the owner', () => {
    const b = new SnapshotBuilder(18);
    const owner = b.role('app_owner', { canLogin: true });
    const readers = b.role('readers');
    const analysts = b.role('analysts');
    const ann = b.role('ann', { canLogin: true });
    b.member(readers, analysts).member(analysts, ann);
    b.relation('orders', owner, '{app_owner=arwdDxtm/app_owner,readers=r/app_owner,=x/app_owner,ann=w*/app_owner}');
    b.relation('mine', ann, null);
    const v = viewOf(b.build(), ann);
    expect(rightsOn(v, 'orders')).toEqual(['SELECT: group readers (ann → analysts → readers)', 'UPDATE*: direct grant', 'REFERENCES: PUBLIC']);
    expect(rightsOn(v, 'mine')).toEqual(['SELECT*: owner', 'INSERT*: owner', 'UPDATE*: owner', 'DELETE*: owner', 'TRUNCATE*: owner', 'REFERENCES*: owner', 'TRIGGER*: owner', 'MAINTAIN*: owner']);
    // why: the database's default ACL gives PUBLIC CONNECT and TEMPORARY.
    expect(rightsOn(v, 'db')).toEqual(['CONNECT: PUBLIC', 'TEMPORARY: PUBLIC']);
    expect(v.memberships.up.map((e) => `${e.member}→${e.group}`).sort()).toEqual(['analysts→readers', 'ann→analysts']);
    expect(v.memberships.nodes.map((n) => `${n.name}@${n.layer}`)).toEqual(['ann@0', 'analysts@-1', 'readers@-2']);
  });

  it('an owning group: its members hold the grant options as owner through it', () => {
    const b = new SnapshotBuilder(16);
    const team = b.role('team');
    const bob = b.role('bob', { canLogin: true });
    b.member(team, bob);
    b.relation('t', team, '{team=r/team}');
    expect(rightsOn(viewOf(b.build(), bob), 't')).toEqual(['SELECT*: owner team (bob → team)']);
  });

  it('INHERIT FALSE edge (16+): no privileges through it, SET ROLE still possible; shown on the edge', () => {
    const b = new SnapshotBuilder(16);
    const readers = b.role('readers');
    const u = b.role('u', { canLogin: true });
    b.member(readers, u, { inherit: false });
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}');
    const v = viewOf(b.build(), u);
    expect(rightsOn(v, 't')).toEqual([]);
    expect(v.memberships.up).toMatchObject([{ member: 'u', group: 'readers', inherit: false, set: true, admin: false, grantors: ['postgres'] }]);
    expect(v.memberships.nodes.find((n) => n.name === 'readers')).toMatchObject({ layer: -1, inherits: false, canSet: true });
  });

  it('SET FALSE edge: privileges flow, SET ROLE does not', () => {
    const b = new SnapshotBuilder(16);
    const readers = b.role('readers');
    const u = b.role('u', { canLogin: true });
    b.member(readers, u, { set: false, admin: true });
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}');
    const v = viewOf(b.build(), u);
    expect(rightsOn(v, 't')).toEqual(['SELECT: group readers']);
    expect(v.memberships.up).toMatchObject([{ inherit: true, set: false, admin: true }]);
    expect(v.memberships.nodes.find((n) => n.name === 'readers')).toMatchObject({ inherits: true, canSet: false });
    // Seen from the group: its member below, with the same edge.
    const g = viewOf(b.build(), readers);
    expect(g.memberships.down).toMatchObject([{ member: 'u', group: 'readers', inherit: true, set: false }]);
    expect(g.memberships.nodes.find((n) => n.name === 'u')).toMatchObject({ layer: 1, inherits: true, canSet: false });
  });

  it('a NOINHERIT role before 16: its memberships carry no privileges, SET ROLE works', () => {
    const b = new SnapshotBuilder(15);
    const readers = b.role('readers');
    const u = b.role('u', { canLogin: true, inherit: false });
    b.member(readers, u);
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,readers=r/postgres}');
    const v = viewOf(b.build(), u);
    expect(rightsOn(v, 't')).toEqual([]);
    expect(v.memberships.up).toMatchObject([{ inherit: false, set: true }]);
  });

  it('a superuser holds everything as superuser, grants notwithstanding', () => {
    const b = new SnapshotBuilder(17);
    const boss = b.role('boss', { superuser: true, canLogin: true });
    b.relation('t', BOOTSTRAP_OID, '{postgres=arwdDxtm/postgres,boss=r/postgres}');
    b.relation('seq', BOOTSTRAP_OID, null, 'S');
    const v = viewOf(b.build(), boss);
    expect(rightsOn(v, 't')).toHaveLength(8);
    expect(new Set(rightsOn(v, 't').map((l) => l.split(': ')[1]))).toEqual(new Set(['superuser']));
    expect(rightsOn(v, 'seq')).toEqual(['SELECT*: superuser', 'UPDATE*: superuser', 'USAGE*: superuser']);
    expect(rightsOn(v, 'public')).toEqual(['USAGE*: superuser', 'CREATE*: superuser']);
  });

  it('a predefined role: SELECT on every relation and USAGE on every schema through pg_read_all_data', () => {
    const b = new SnapshotBuilder(16);
    const bot = b.role('bot', { canLogin: true });
    b.member(PG_READ_ALL_DATA_OID, bot);
    const s = b.schema('locked', BOOTSTRAP_OID, '{postgres=UC/postgres}');
    b.relation('t', BOOTSTRAP_OID, null, 'r', s);
    const v = viewOf(b.build(), bot);
    expect(rightsOn(v, 't')).toEqual(['SELECT: pg_read_all_data (bot → pg_read_all_data)']);
    expect(rightsOn(v, 'locked')).toEqual(['USAGE: pg_read_all_data (bot → pg_read_all_data)']);
  });

  it("the database owner's implicit pg_database_owner membership: the public schema through it (15+)", () => {
    const b = new SnapshotBuilder(16);
    const dba = b.role('dba', { canLogin: true });
    b.database(dba, null);
    const v = viewOf(b.build(), dba);
    expect(rightsOn(v, 'public')).toEqual(['USAGE*: owner pg_database_owner (dba → pg_database_owner)', 'CREATE*: owner pg_database_owner (dba → pg_database_owner)']);
    expect(v.memberships.up).toMatchObject([{ member: 'dba', groupOid: PG_DATABASE_OWNER_OID, implicit: true, inherit: true }]);
    expect(rightsOn(v, 'db')).toEqual(['CONNECT*: owner; PUBLIC', 'TEMPORARY*: owner; PUBLIC', 'CREATE*: owner']);
  });

  it('public schema before 15 belongs to postgres with USAGE and CREATE for PUBLIC (the default nspacl)', () => {
    const b = new SnapshotBuilder(14);
    const u = b.role('u', { canLogin: true });
    b.build().schemas[0] = { oid: PUBLIC_SCHEMA_OID, name: 'public', owner: BOOTSTRAP_OID, nspacl: '{postgres=UC/postgres,=UC/postgres}' };
    expect(rightsOn(viewOf(b.build(), u), 'public')).toEqual(['USAGE: PUBLIC', 'CREATE: PUBLIC']);
  });
});
