import { describe, expect, it } from 'vitest';
import { buildAccessContext } from './accessColumn';
import { PUBLIC_OID } from './aclResolve';
import { DELETE, INSERT, SELECT, UPDATE, relationRights } from './bits';
import { cellAt, computeEffective } from './effective';
import { explainCell, reasonsFor } from './explain';
import { PG_READ_ALL_DATA_OID, PG_WRITE_ALL_DATA_OID } from './predefined';
import { randomSnapshot } from './testReference';
import { BOOTSTRAP_OID, SnapshotBuilder } from './testSnapshot';

function lesson() {
  const b = new SnapshotBuilder(16);
  const datatweets = b.role('datatweets');
  const dataViewer = b.role('data_viewer', { superuser: true });
  const readonly = b.role('readonly');
  const readwrite = b.role('readwrite');
  const analyst = b.role('analyst');
  const intern = b.role('intern');
  b.member(readonly, dataViewer).member(readonly, analyst).member(analyst, intern);
  const users = b.relation(
    'users',
    datatweets,
    '{datatweets=arwdDxt/datatweets,data_viewer=r/datatweets,readonly=r/datatweets,readwrite=arwd/datatweets,=x/datatweets}',
  );
  const accounts = b.relation('accounts', datatweets, null);
  return { snap: b.build(), datatweets, dataViewer, readonly, readwrite, analyst, intern, users, accounts };
}

describe('explainCell', () => {
  const s = lesson();

  it('flags a superuser and still lists its (meaningless) grants', () => {
    const e = explainCell(s.snap, s.dataViewer, s.users);
    expect(e?.superuser).toBe(true);
    expect(e?.privileges).toBe(relationRights(16));
    const sources = e?.reasons.map((r) => r.source);
    expect(sources).toEqual(['superuser', 'direct', 'group', 'public']);
    const direct = e?.reasons[1];
    expect(direct).toMatchObject({ privileges: SELECT, grantorName: 'datatweets', path: [s.dataViewer] });
    expect(direct?.grantorOid).toBe(s.datatweets);
  });

  it('gives the group path, shortest first, with names', () => {
    const e = explainCell(s.snap, s.intern, s.users);
    if (!e) throw new Error('no explanation');
    const viaGroup = reasonsFor(e, SELECT);
    expect(viaGroup).toHaveLength(1);
    expect(viaGroup[0]).toMatchObject({
      source: 'group',
      path: [s.intern, s.analyst, s.readonly],
      pathNames: ['intern', 'analyst', 'readonly'],
      granteeOid: s.readonly,
      grantorName: 'datatweets',
    });
  });

  it('explains PUBLIC grants', () => {
    const e = explainCell(s.snap, s.readwrite, s.users);
    if (!e) throw new Error('no explanation');
    expect(reasonsFor(e, 1 << 5)).toEqual([expect.objectContaining({ source: 'public', granteeOid: PUBLIC_OID, path: [] })]);
    expect(e.privileges).toBe(INSERT | SELECT | UPDATE | DELETE | (1 << 5));
  });

  it('explains the owner: its ACL entry and its implicit grant options', () => {
    const e = explainCell(s.snap, s.datatweets, s.users);
    if (!e) throw new Error('no explanation');
    const owner = e.reasons.find((r) => r.source === 'owner');
    expect(owner).toMatchObject({ privileges: 0, grantable: relationRights(16), path: [s.datatweets] });
    expect(reasonsFor(e, SELECT)[0]).toMatchObject({ source: 'direct', granteeIsOwner: true, fromAcldefault: false });
    expect(reasonsFor(e, SELECT, true)[0]?.source).toBe('owner');
  });

  it('marks entries that come from acldefault (NULL relacl)', () => {
    const e = explainCell(s.snap, s.datatweets, s.accounts);
    expect(e?.reasons[0]).toMatchObject({ source: 'direct', granteeIsOwner: true, fromAcldefault: true });
    expect(e?.reasons[0]?.grantorName).toBe('datatweets');
    expect(explainCell(s.snap, s.readonly, s.accounts)?.reasons).toEqual([]);
  });

  it('names the predefined role and its path', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const team = b.role('team');
    const user = b.role('user');
    b.member(PG_READ_ALL_DATA_OID, team).member(team, user).member(PG_WRITE_ALL_DATA_OID, user);
    const t = b.relation('t', owner, null);
    const e = explainCell(b.build(), user, t);
    if (!e) throw new Error('no explanation');
    expect(reasonsFor(e, SELECT)).toEqual([
      expect.objectContaining({
        source: 'predefined',
        predefinedRole: 'pg_read_all_data',
        path: [user, team, PG_READ_ALL_DATA_OID],
      }),
    ]);
    expect(reasonsFor(e, UPDATE)[0]?.predefinedRole).toBe('pg_write_all_data');
  });

  it('reports grantees that match no role', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const t = b.relation('t', owner, '{owner=r/owner,424242=w/owner}');
    expect(explainCell(b.build(), owner, t)?.unknownGrantees).toEqual(['424242']);
  });

  it('returns null for unknown oids', () => {
    expect(explainCell(s.snap, 1, s.users)).toBeNull();
    expect(explainCell(s.snap, s.readonly, 1)).toBeNull();
  });

  it('shows system-catalog denial', () => {
    const b = new SnapshotBuilder(16);
    const user = b.role('user');
    const t = b.relation('pg_class', BOOTSTRAP_OID, '{postgres=arwdDxt/postgres,user=arwd/postgres}', 'r', 11, 1259);
    const e = explainCell(b.build(), user, t);
    expect(e?.denied).not.toBe(0);
    expect(e?.privileges).toBe(SELECT);
  });

  it('always agrees with the matrix cell', () => {
    for (const major of [14, 15, 16, 17, 18]) {
      for (let seed = 1; seed <= 6; seed++) {
        const snap = randomSnapshot(seed * 7 + major, major);
        const ctx = buildAccessContext(snap);
        const m = computeEffective(snap, ctx);
        for (const role of snap.roles) {
          for (const rel of snap.relations) {
            const e = explainCell(snap, role.oid, rel.oid, ctx);
            expect({ privileges: e?.privileges, grantable: e?.grantable }).toEqual(cellAt(m, role.oid, rel.oid));
          }
        }
      }
    }
  });
});
