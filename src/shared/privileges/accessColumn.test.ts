import { describe, expect, it } from 'vitest';
import { ColumnScratch, PUBLIC_INDEX, UNKNOWN_INDEX, buildAccessContext, compactEntries, fillAccessColumn } from './accessColumn';
import { PUBLIC_OID } from './aclResolve';
import { INSERT, SELECT, UPDATE } from './bits';
import { PG_READ_ALL_DATA_OID } from './predefined';
import { SnapshotBuilder } from './testSnapshot';

describe('access column', () => {
  const b = new SnapshotBuilder(16);
  const owner = b.role('owner');
  const group = b.role('group');
  const user = b.role('user');
  const su = b.role('su', { superuser: true });
  b.member(group, user).member(PG_READ_ALL_DATA_OID, su);
  const snap = b.build();
  const ctx = buildAccessContext(snap);
  const idx = (oid: number): number => ctx.closure.directory.indexOf.get(oid) ?? -1;

  it('maps grantees to role indices, PUBLIC and unknown to sentinels', () => {
    const c = compactEntries(
      [
        { grantee: PUBLIC_OID, grantor: owner, privileges: SELECT, grantOptions: 0 },
        { grantee: null, grantor: owner, privileges: SELECT, grantOptions: 0 },
        { grantee: 999999, grantor: owner, privileges: SELECT, grantOptions: 0 },
        { grantee: group, grantor: owner, privileges: SELECT, grantOptions: 0 },
      ],
      ctx.closure,
    );
    // grantees are every third number of the packed entries
    expect(c.filter((_, k) => k % 3 === 0)).toEqual([PUBLIC_INDEX, UNKNOWN_INDEX, UNKNOWN_INDEX, idx(group)]);
  });

  it('does not list superusers among users of predefined roles', () => {
    const read = ctx.predefined.find((p) => p.relationPrivileges === SELECT);
    expect(Array.from(read?.users ?? [])).not.toContain(idx(su));
  });

  it('fills one object column at an offset', () => {
    const n = snap.roles.length;
    const privs = new Uint16Array(2 * n);
    const grants = new Uint16Array(2 * n);
    // grantee, privileges, grant options per entry
    const entries = [PUBLIC_INDEX, INSERT, 0, idx(group), UPDATE, UPDATE];
    const relevant = INSERT | SELECT | UPDATE;
    fillAccessColumn(ctx, { entries, ownerIndex: idx(owner), relevant, denied: 0, predefined: 'relation' }, privs, grants, n, new ColumnScratch(ctx.closure.usedBy.length));
    expect(privs[idx(user)]).toBe(0);
    expect(privs[n + idx(user)]).toBe(INSERT | UPDATE);
    expect(grants[n + idx(user)]).toBe(UPDATE);
    expect(grants[n + idx(owner)]).toBe(INSERT | SELECT | UPDATE);
    expect(privs[n + idx(su)]).toBe(INSERT | SELECT | UPDATE);
  });
});
