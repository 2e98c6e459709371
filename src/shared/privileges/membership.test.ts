import { describe, expect, it } from 'vitest';
import type { MembershipClosure } from './membership';
import { computeMembershipClosure, inheritancePaths, usesPrivilegesOf } from './membership';
import { PG_DATABASE_OWNER_OID } from './predefined';
import { SnapshotBuilder } from './testSnapshot';

/** Oids whose privileges `oid` uses, sorted. */
function usesOf(closure: MembershipClosure, oid: number): number[] {
  const i = closure.directory.indexOf.get(oid) ?? -1;
  return Array.from(closure.uses[i] ?? [], (j) => closure.directory.roles[j]?.oid ?? -1).sort((a, b) => a - b);
}

describe('membership closure before PostgreSQL 16', () => {
  it("follows an edge iff the MEMBER's rolinherit is true", () => {
    const b = new SnapshotBuilder(15);
    const group = b.role('group');
    const top = b.role('top');
    const inheriting = b.role('inheriting');
    const noinherit = b.role('noinherit', { inherit: false });
    b.member(group, inheriting).member(group, noinherit).member(top, group);
    const c = computeMembershipClosure(b.build());
    expect(usesOf(c, inheriting)).toEqual([group, top, inheriting].sort((x, y) => x - y));
    expect(usesOf(c, noinherit)).toEqual([noinherit]);
    expect(usesPrivilegesOf(c, noinherit, group)).toBe(false);
    expect(usesPrivilegesOf(c, inheriting, top)).toBe(true);
  });

  it('stops at a NOINHERIT group in the middle of a chain', () => {
    const b = new SnapshotBuilder(14);
    const top = b.role('top');
    const mid = b.role('mid', { inherit: false });
    const user = b.role('user');
    b.member(mid, user).member(top, mid);
    const c = computeMembershipClosure(b.build());
    expect(usesPrivilegesOf(c, user, mid)).toBe(true);
    expect(usesPrivilegesOf(c, user, top)).toBe(false);
  });
});

describe('membership closure from PostgreSQL 16', () => {
  it("uses each row's inherit_option, not rolinherit", () => {
    const b = new SnapshotBuilder(16);
    const group = b.role('group');
    const other = b.role('other');
    const user = b.role('user', { inherit: false });
    b.member(group, user, { inherit: true }).member(other, user, { inherit: false });
    const c = computeMembershipClosure(b.build());
    expect(usesPrivilegesOf(c, user, group)).toBe(true);
    expect(usesPrivilegesOf(c, user, other)).toBe(false);
  });

  it('inherits when ANY of several grantor rows has inherit_option true', () => {
    const b = new SnapshotBuilder(16);
    const group = b.role('group');
    const admin = b.role('admin');
    const user = b.role('user');
    b.member(group, admin, { admin: true });
    b.member(group, user, { inherit: false }).member(group, user, { inherit: true, grantor: admin });
    const lone = b.role('lone');
    b.member(group, lone, { inherit: false }).member(group, lone, { inherit: false, grantor: admin });
    const c = computeMembershipClosure(b.build());
    expect(usesPrivilegesOf(c, user, group)).toBe(true);
    expect(usesPrivilegesOf(c, lone, group)).toBe(false);
    expect(c.edges[c.directory.indexOf.get(user) ?? -1]).toHaveLength(1);
  });

  it('falls back to rolinherit when a 16+ row has a null inherit_option', () => {
    const snap = new SnapshotBuilder(16).build();
    const b = new SnapshotBuilder(16);
    const g = b.role('g');
    const u = b.role('u', { inherit: false });
    snap.roles = b.build().roles;
    snap.memberships = [{ roleid: g, member: u, grantor: 10, adminOption: false, inheritOption: null, setOption: null }];
    expect(usesPrivilegesOf(computeMembershipClosure(snap), u, g)).toBe(false);
  });
});

describe('closure shape', () => {
  it('walks nested groups of any depth with shortest paths', () => {
    const b = new SnapshotBuilder(16);
    const chain = Array.from({ length: 40 }, (_, i) => b.role(`level${i}`));
    for (let i = 0; i + 1 < chain.length; i++) b.member(chain[i + 1] ?? 0, chain[i] ?? 0);
    const shortcut = chain[30] ?? 0;
    b.member(shortcut, chain[0] ?? 0);
    const c = computeMembershipClosure(b.build());
    expect(usesOf(c, chain[0] ?? 0)).toHaveLength(40);
    const paths = inheritancePaths(c, chain[0] ?? 0);
    expect(paths.get(chain[0] ?? 0)).toEqual([chain[0]]);
    expect(paths.get(chain[3] ?? 0)).toEqual(chain.slice(0, 4));
    expect(paths.get(chain[32] ?? 0)).toEqual([chain[0], shortcut, chain[31], chain[32]]);
  });

  it('handles diamonds once and does not loop on a (corrupt) cycle', () => {
    const b = new SnapshotBuilder(16);
    const a = b.role('a');
    const x = b.role('x');
    const y = b.role('y');
    const top = b.role('top');
    b.member(x, a).member(y, a).member(top, x).member(top, y).member(a, top);
    const c = computeMembershipClosure(b.build());
    expect(usesOf(c, a)).toEqual([a, x, y, top].sort((p, q) => p - q));
    expect(usesOf(c, top)).toEqual([a, x, y, top].sort((p, q) => p - q));
  });

  it('inverts uses into usedBy', () => {
    const b = new SnapshotBuilder(16);
    const g = b.role('g');
    const u1 = b.role('u1');
    const u2 = b.role('u2');
    b.member(g, u1).member(g, u2);
    const c = computeMembershipClosure(b.build());
    const gi = c.directory.indexOf.get(g) ?? -1;
    const users = Array.from(c.usedBy[gi] ?? [], (j) => c.directory.roles[j]?.oid);
    expect(users.sort()).toEqual([g, u1, u2].sort());
  });

  it('ignores rows that name roles missing from the snapshot', () => {
    const b = new SnapshotBuilder(16);
    const u = b.role('u');
    b.member(99999, u).member(u, 88888);
    expect(usesOf(computeMembershipClosure(b.build()), u)).toEqual([u]);
    expect(inheritancePaths(computeMembershipClosure(b.build()), 77777).size).toBe(0);
  });
});

describe('pg_database_owner', () => {
  it('makes the database owner an implicit member', () => {
    const b = new SnapshotBuilder(15);
    const owner = b.role('owner');
    b.database(owner, null);
    const c = computeMembershipClosure(b.build());
    expect(usesPrivilegesOf(c, owner, PG_DATABASE_OWNER_OID)).toBe(true);
  });

  it('is skipped for a NOINHERIT owner before 16 but not from 16 (checked on 15 and 18)', () => {
    for (const [major, expected] of [
      [15, false],
      [16, true],
    ] as const) {
      const b = new SnapshotBuilder(major);
      const owner = b.role('owner', { inherit: false });
      b.database(owner, null);
      expect(usesPrivilegesOf(computeMembershipClosure(b.build()), owner, PG_DATABASE_OWNER_OID)).toBe(expected);
    }
  });

  it('reaches members of the owner role that inherit from it', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const deputy = b.role('deputy');
    b.member(owner, deputy).database(owner, null);
    expect(usesPrivilegesOf(computeMembershipClosure(b.build()), deputy, PG_DATABASE_OWNER_OID)).toBe(true);
  });
});
