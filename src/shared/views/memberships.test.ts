import { describe, expect, it } from 'vitest';
import { PG_DATABASE_OWNER_OID } from '../privileges/predefined';
import { BOOTSTRAP_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { membershipEdges } from './memberships';

describe("pg_auth_members' rows as edges", () => {
  it('from 16, rows of two grantors make one edge: INHERIT, SET and ADMIN when any row has them', () => {
    const b = new SnapshotBuilder(16);
    const g = b.role('g');
    const alice = b.role('alice', { canLogin: true });
    const m = b.role('m', { canLogin: true });
    b.member(g, m, { inherit: false, set: false, grantor: BOOTSTRAP_OID });
    b.member(g, m, { inherit: true, set: false, admin: true, grantor: alice });
    const edges = membershipEdges(b.build()).filter((e) => !e.implicit);
    expect(edges).toEqual([{ memberOid: m, member: 'm', groupOid: g, group: 'g', inherit: true, set: false, admin: true, grantors: ['alice', 'postgres'], implicit: false }]);
  });

  it("before 16, the member's rolinherit decides INHERIT, and SET is always true", () => {
    const b = new SnapshotBuilder(15);
    const g = b.role('g');
    b.member(g, b.role('noinh', { inherit: false }));
    b.member(g, b.role('inh'));
    const byMember = new Map(membershipEdges(b.build()).map((e) => [e.member, e]));
    expect(byMember.get('noinh')).toMatchObject({ inherit: false, set: true });
    expect(byMember.get('inh')).toMatchObject({ inherit: true, set: true });
  });

  it('the database owner is in pg_database_owner without a row: inheriting from 16, by rolinherit before', () => {
    for (const [major, inherits] of [
      [16, true],
      [14, false],
    ] as const) {
      const b = new SnapshotBuilder(major);
      const dba = b.role('dba', { canLogin: true, inherit: false });
      b.database(dba, null);
      const implicit = membershipEdges(b.build()).filter((e) => e.implicit);
      expect(implicit, `PostgreSQL ${major}`).toEqual([
        { memberOid: dba, member: 'dba', groupOid: PG_DATABASE_OWNER_OID, group: 'pg_database_owner', inherit: inherits, set: true, admin: false, grantors: [], implicit: true },
      ]);
    }
  });
});
