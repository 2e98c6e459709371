import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../catalog/snapshot';
import { INSERT, MAINTAIN, SELECT, formatPrivilegeLetters, relationRights } from './bits';
import type { EffectiveMatrix } from './effective';
import { cellAt, computeEffective, hasRelationPrivilege, isSystemCatalog } from './effective';
import { cellBits, rolesHolding } from './matrixCells';
import { PG_MAINTAIN_OID, PG_READ_ALL_DATA_OID, PG_WRITE_ALL_DATA_OID } from './predefined';
import { prng, randomSnapshot, referenceRelationCell } from './testReference';
import { BOOTSTRAP_OID, SnapshotBuilder } from './testSnapshot';

/** A cell as letters: privileges, then " grant:" and the grant options when there are any; '-' for nothing. */
function cell(m: EffectiveMatrix, role: number, rel: number): string {
  const c = cellAt(m, role, rel);
  if (!c) throw new Error('no such cell');
  const privs = formatPrivilegeLetters(c.privileges, 0) || '-';
  return c.grantable ? `${privs} grant:${formatPrivilegeLetters(c.grantable, 0)}` : privs;
}

/** The lesson's scenario (docs/demo.md). */
function lesson(major = 16) {
  const b = new SnapshotBuilder(major);
  const datatweets = b.role('datatweets', { canLogin: true });
  const dataViewer = b.role('data_viewer', { superuser: true, canLogin: true });
  const readonly = b.role('readonly');
  const readwrite = b.role('readwrite');
  const analyst = b.role('analyst', { canLogin: true });
  b.member(readonly, dataViewer).member(readonly, analyst);
  const all = major >= 17 ? 'arwdDxtm' : 'arwdDxt';
  const users = b.relation(
    'users',
    datatweets,
    `{datatweets=${all}/datatweets,data_viewer=r/datatweets,readonly=r/datatweets,readwrite=arwd/datatweets}`,
  );
  const accounts = b.relation('accounts', datatweets, null);
  return { snap: b.build(), datatweets, dataViewer, readonly, readwrite, analyst, users, accounts };
}

describe('the lesson scenario', () => {
  const s = lesson();
  const m = computeEffective(s.snap);
  const everything = 'arwdDxt grant:arwdDxt';

  it('a superuser with only SELECT granted still has everything', () => {
    expect(cell(m, s.dataViewer, s.users)).toBe(everything);
    expect(cell(m, s.dataViewer, s.accounts)).toBe(everything);
    expect(m.superuser[m.roleIndex.get(s.dataViewer) ?? -1]).toBe(1);
  });

  it('groups get exactly their grants; members inherit them', () => {
    expect(cell(m, s.readonly, s.users)).toBe('r');
    expect(cell(m, s.analyst, s.users)).toBe('r');
    expect(cell(m, s.readwrite, s.users)).toBe('arwd');
  });

  it('the owner has everything, with every grant option implicit', () => {
    expect(cell(m, s.datatweets, s.users)).toBe(everything);
    expect(cell(m, s.datatweets, s.accounts)).toBe(everything);
  });

  it('a NULL acl gives the owner everything and others nothing', () => {
    expect(cell(m, s.readonly, s.accounts)).toBe('-');
    expect(cell(m, s.analyst, s.accounts)).toBe('-');
    expect(cell(m, BOOTSTRAP_OID, s.accounts)).toBe(everything);
  });

  it('includes MAINTAIN from 17 on', () => {
    const s17 = lesson(17);
    const m17 = computeEffective(s17.snap);
    expect(cell(m17, s17.datatweets, s17.users)).toBe('arwdDxtm grant:arwdDxtm');
    expect(cell(m17, s17.datatweets, s17.accounts)).toBe('arwdDxtm grant:arwdDxtm');
  });
});

describe('ACL rules', () => {
  it('an owner that revoked its own SELECT lacks SELECT but keeps the grant option', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const t = b.relation('t', owner, '{owner=awdDxt/owner}');
    const m = computeEffective(b.build());
    expect(hasRelationPrivilege(m, owner, t, SELECT)).toBe(false);
    expect(hasRelationPrivilege(m, owner, t, INSERT)).toBe(true);
    // why: has_table_privilege(owner, t, 'SELECT WITH GRANT OPTION') is true (aclmask).
    expect(hasRelationPrivilege(m, owner, t, SELECT, true)).toBe(true);
  });

  it('an owner that revoked everything (empty ACL) has nothing but grant options', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const t = b.relation('t', owner, '{}');
    const m = computeEffective(b.build());
    expect(cellAt(m, owner, t)).toEqual({ privileges: 0, grantable: relationRights(16) });
  });

  it('members of the owner role use its ACL entry and its implicit grant options', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const deputy = b.role('deputy');
    const outsider = b.role('outsider', { inherit: false });
    b.member(owner, deputy).member(owner, outsider);
    const t = b.relation('t', owner, '{owner=r/owner}');
    const m = computeEffective(b.build());
    expect(cell(m, deputy, t)).toBe('r grant:arwdDxt');
    expect(cell(m, outsider, t)).toBe('-');
  });

  it('PUBLIC grants apply to every role', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const nobody = b.role('nobody', { inherit: false });
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,=r/owner}');
    const m = computeEffective(b.build());
    expect(cell(m, nobody, t)).toBe('r');
    expect(cell(m, owner, t)).toBe('arwdDxt grant:arwdDxt');
  });

  it('a grant option granted by a non-owner is held by the grantee and passed to its members', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const lead = b.role('lead');
    const team = b.role('team');
    const dev = b.role('dev');
    b.member(team, dev);
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,lead=r*a/owner,team=r*/lead}');
    const m = computeEffective(b.build());
    expect(cell(m, lead, t)).toBe('ar grant:r');
    expect(cell(m, team, t)).toBe('r grant:r');
    expect(cell(m, dev, t)).toBe('r grant:r');
  });

  it('ignores entries for roles missing from the snapshot (dropped roles print as digits)', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const t = b.relation('t', owner, '{owner=r/owner,99999=arwd/owner}');
    const m = computeEffective(b.build());
    expect(cell(m, owner, t)).toBe('r grant:arwdDxt');
  });

  it('limits sequences to USAGE SELECT UPDATE', () => {
    const b = new SnapshotBuilder(17);
    const owner = b.role('owner');
    const user = b.role('user');
    const seq = b.relation('s', owner, null, 'S');
    const seq2 = b.relation('s2', owner, '{owner=rwU/owner,user=U/owner}', 'S');
    const m = computeEffective(b.build());
    expect(cell(m, owner, seq)).toBe('rwU grant:rwU');
    expect(cell(m, user, seq2)).toBe('U');
    expect(cell(m, BOOTSTRAP_OID, seq)).toBe('rwU grant:rwU');
  });
});

describe('membership rules in the matrix', () => {
  it('NOINHERIT before 16 (rolinherit false) blocks group grants', () => {
    const b = new SnapshotBuilder(15);
    const owner = b.role('owner');
    const group = b.role('group');
    const user = b.role('user', { inherit: false });
    b.member(group, user);
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,group=r/owner}');
    expect(cell(computeEffective(b.build()), user, t)).toBe('-');
  });

  it('inherit_option false on a 16+ edge blocks it; another grantor row with true opens it', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const group = b.role('group');
    const admin = b.role('admin');
    const blocked = b.role('blocked');
    const opened = b.role('opened');
    b.member(group, blocked, { inherit: false });
    b.member(group, opened, { inherit: false }).member(group, opened, { inherit: true, grantor: admin });
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,group=r/owner}');
    const m = computeEffective(b.build());
    expect(cell(m, blocked, t)).toBe('-');
    expect(cell(m, opened, t)).toBe('r');
  });

  it('nested groups of depth 3 pass grants down', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const g1 = b.role('g1');
    const g2 = b.role('g2');
    const g3 = b.role('g3');
    const user = b.role('user');
    b.member(g1, g2).member(g2, g3).member(g3, user);
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,g1=D/owner,g2=x/owner}');
    expect(cell(computeEffective(b.build()), user, t)).toBe('Dx');
  });

  it('superuser status is not inherited through membership', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const su = b.role('su', { superuser: true });
    const user = b.role('user');
    b.member(su, user);
    const t = b.relation('t', owner, null);
    expect(cell(computeEffective(b.build()), user, t)).toBe('-');
  });
});

describe('predefined roles', () => {
  const setup = (major: number) => {
    const b = new SnapshotBuilder(major);
    const owner = b.role('owner');
    const reader = b.role('reader');
    const writer = b.role('writer');
    const maint = b.role('maint');
    const team = b.role('team');
    const viaTeam = b.role('via_team');
    const blocked = b.role('blocked', { inherit: false });
    b.member(PG_READ_ALL_DATA_OID, reader).member(PG_WRITE_ALL_DATA_OID, writer);
    if (major >= 17) b.member(PG_MAINTAIN_OID, maint);
    b.member(PG_READ_ALL_DATA_OID, team).member(team, viaTeam).member(PG_READ_ALL_DATA_OID, blocked);
    const t = b.relation('t', owner, '{owner=arwdDxt/owner}');
    const v = b.relation('v', owner, null, 'v');
    const seq = b.relation('s', owner, null, 'S');
    return { m: computeEffective(b.build()), reader, writer, maint, viaTeam, blocked, t, v, seq };
  };

  it('pg_read_all_data gives SELECT on tables, views and sequences, inherited like any role', () => {
    const s = setup(16);
    expect(cell(s.m, s.reader, s.t)).toBe('r');
    expect(cell(s.m, s.reader, s.v)).toBe('r');
    expect(cell(s.m, s.reader, s.seq)).toBe('r');
    expect(cell(s.m, s.viaTeam, s.t)).toBe('r');
    expect(cell(s.m, s.blocked, s.t)).toBe('-');
  });

  it('pg_write_all_data gives INSERT UPDATE DELETE (UPDATE only on sequences)', () => {
    const s = setup(16);
    expect(cell(s.m, s.writer, s.t)).toBe('awd');
    expect(cell(s.m, s.writer, s.seq)).toBe('w');
  });

  it('pg_maintain gives MAINTAIN from 17', () => {
    const s = setup(17);
    expect(cell(s.m, s.maint, s.t)).toBe('m');
    expect(hasRelationPrivilege(s.m, s.maint, s.t, MAINTAIN)).toBe(true);
    expect(cell(s.m, s.maint, s.seq)).toBe('-');
  });
});

describe('system catalogs', () => {
  it('deny INSERT/UPDATE/DELETE/TRUNCATE to non-superusers whatever the ACL says; views are exempt', () => {
    const b = new SnapshotBuilder(16);
    const user = b.role('user');
    b.member(PG_WRITE_ALL_DATA_OID, user);
    const acl = '{postgres=arwdDxt/postgres,=r/postgres,user=arwdDxt/postgres}';
    const catalog = b.relation('pg_class', BOOTSTRAP_OID, acl, 'r', 11, 1259);
    const toast = b.relation('pg_toast_1', BOOTSTRAP_OID, acl, 'r', 99);
    const view = b.relation('pg_roles', BOOTSTRAP_OID, acl, 'v', 11, 11000);
    const m = computeEffective(b.build());
    expect(isSystemCatalog({ oid: 1259, schemaOid: 11, kind: 'r' })).toBe(true);
    expect(cell(m, user, catalog)).toBe('rxt');
    expect(cell(m, user, toast)).toBe('rxt');
    expect(cell(m, user, view)).toBe('arwdDxt');
    expect(cell(m, BOOTSTRAP_OID, catalog)).toBe('arwdDxt grant:arwdDxt');
  });
});

describe('matrix layout and lookups', () => {
  it('stores a base and sparse additions per access class, and answers unknown oids with null', () => {
    const s = lesson();
    const m = computeEffective(s.snap);
    const i = m.roleIndex.get(s.readonly) ?? -1;
    const j = m.relationIndex.get(s.users) ?? -1;
    expect(cellBits(m, i, j)).toEqual(cellAt(m, s.readonly, s.users));
    const classes = new Set(m.classOf).size;
    expect(classes).toBeLessThanOrEqual(m.relationOids.length);
    expect(Math.max(...m.classOf)).toBe(classes - 1);
    expect(m.basePrivileges.length).toBe(classes);
    expect(m.extraStart.length).toBe(classes + 1);
    // Additions are sorted by role within each class (cellBits searches them).
    for (let c = 0; c < classes; c++) {
      const roles = Array.from(m.extraRole.subarray(m.extraStart[c], m.extraStart[c + 1]));
      expect(roles).toEqual([...roles].sort((a, b) => a - b));
      expect(new Set(roles).size).toBe(roles.length);
    }
    expect(cellAt(m, 1, s.users)).toBeNull();
    expect(cellAt(m, s.readonly, 1)).toBeNull();
    expect(hasRelationPrivilege(m, 1, s.users, SELECT)).toBeNull();
  });

  it('relations sharing an ACL text but not an owner get their own columns', () => {
    const b = new SnapshotBuilder(16);
    const a = b.role('a');
    const c = b.role('c');
    const ta = b.relation('ta', a, '{a=r/a,c=w/a}');
    const tc = b.relation('tc', c, '{a=r/a,c=w/a}');
    const tc2 = b.relation('tc2', c, '{a=r/a,c=w/a}');
    const m = computeEffective(b.build());
    expect(cell(m, a, ta)).toBe('r grant:arwdDxt');
    expect(cell(m, a, tc)).toBe('r');
    expect(cell(m, c, tc2)).toBe(cell(m, c, tc));
    const classOf = (oid: number) => m.classOf[m.relationIndex.get(oid) ?? -1];
    expect(classOf(tc2)).toBe(classOf(tc));
    expect(classOf(ta)).not.toBe(classOf(tc));
  });
});

describe('agreement with a naive per-cell model of aclchk.c', () => {
  for (const major of [14, 15, 16, 17, 18]) {
    it(`matches on random hostile catalogs (PG ${major})`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const snap = randomSnapshot(seed * 31 + major, major);
        // why: every layout (all group references, the default, none) must give the same cells.
        for (const referenceAbove of [0, 2, undefined, Infinity]) {
          const m = computeEffective(snap, undefined, referenceAbove === undefined ? {} : { referenceAbove });
          for (const role of snap.roles) {
            for (const rel of snap.relations) {
              expect(cellAt(m, role.oid, rel.oid), `${role.name} on ${rel.name} seed ${seed} references above ${referenceAbove}`).toEqual(
                referenceRelationCell(snap, role.oid, rel.oid),
              );
            }
          }
        }
      }
    });
  }
});

/** 1,000 roles (100 groups, nested) × 20,000 relations with a few hundred distinct ACLs and some unique ones. */
function bigSnapshot(): CatalogSnapshot {
  const rnd = prng(2024);
  const b = new SnapshotBuilder(17);
  const groups = Array.from({ length: 100 }, (_, i) => b.role(`group ${i}`));
  const users = Array.from({ length: 900 }, (_, i) => b.role(`user_${i}`, { canLogin: true, inherit: rnd() < 0.9 }));
  groups.forEach((g, i) => {
    if (i + 1 < groups.length && rnd() < 0.5) b.member(groups[i + 1 + Math.floor(rnd() * (groups.length - i - 1))] ?? g, g);
  });
  for (const u of users) {
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) b.member(groups[Math.floor(rnd() * groups.length)] ?? 0, u, { inherit: rnd() < 0.9 });
  }
  b.member(PG_READ_ALL_DATA_OID, users[0] ?? 0);
  const names = b.build().roles.map((r) => r.name);
  const q = (n: string) => (/^\w+$/.test(n) ? n : `\\"${n}\\"`);
  const pool = Array.from({ length: 300 }, () => {
    const parts = ['postgres=arwdDxtm/postgres'];
    const n = 1 + Math.floor(rnd() * 5);
    for (let k = 0; k < n; k++) {
      const name = q(names[Math.floor(rnd() * names.length)] ?? '');
      parts.push(`"${name}=r${rnd() < 0.5 ? 'awd' : ''}/postgres"`);
    }
    if (rnd() < 0.1) parts.push('=r/postgres');
    return `{${parts.join(',')}}`;
  });
  for (let k = 0; k < 20_000; k++) {
    const unique = rnd() < 0.05 ? `{postgres=arwdDxtm/postgres,user_${k % 900}=D/postgres}` : null;
    const acl = rnd() < 0.1 ? null : (unique ?? pool[Math.floor(rnd() * pool.length)] ?? null);
    b.relation(`t${k}`, BOOTSTRAP_OID, acl, rnd() < 0.05 ? 'S' : 'r');
  }
  return b.build();
}

describe('a big catalog', () => {
  it('computes 1,000 roles × 20,000 relations and agrees with the naive model on sampled cells', () => {
    const snap = bigSnapshot();
    expect(snap.roles.length).toBeGreaterThanOrEqual(1000);
    const m = computeEffective(snap);
    expect(m.relationOids.length).toBe(20_000);
    // why: the 20,000 relations have far fewer distinct (ACL, owner, kind) classes.
    const classes = new Set(m.classOf).size;
    expect(classes).toBeLessThan(2_000);
    // Far fewer stored cells than roles × classes: most cells are the class's base.
    expect(m.extraRole.length).toBeLessThan((snap.roles.length * classes) / 20);
    // Who holds SELECT anywhere: exactly the roles with a SELECT cell.
    const holding = rolesHolding(m, m.relationOids.keys(), SELECT);
    for (let i = 0; i < m.roleCount; i++) {
      let any = false;
      for (let j = 0; j < m.relationOids.length && !any; j++) any = (cellBits(m, i, j).privileges & SELECT) !== 0;
      expect(holding[i] === 1, `role ${i}`).toBe(any);
    }
    const rnd = prng(7);
    for (let k = 0; k < 300; k++) {
      const role = snap.roles[Math.floor(rnd() * snap.roles.length)];
      const rel = snap.relations[Math.floor(rnd() * snap.relations.length)];
      if (!role || !rel) continue;
      expect(cellAt(m, role.oid, rel.oid)).toEqual(referenceRelationCell(snap, role.oid, rel.oid));
    }
  });
});
