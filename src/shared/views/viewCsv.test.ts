import { describe, expect, it } from 'vitest';
import { buildAccessContext } from '../privileges/accessColumn';
import { formatAclArray } from '../privileges/aclitem';
import { SELECT, relationRights } from '../privileges/bits';
import { parseCsv } from '../privileges/matrixRows';
import { BOOTSTRAP_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { relationView } from './relationView';
import { roleView, viewEngine } from './roleView';
import { membershipsCsv, relationViewCsv, roleViewCsv } from './viewCsv';

function scenario() {
  const b = new SnapshotBuilder(16);
  // why: names a spreadsheet would run as formulas, and ones that need quoting.
  const group = b.role('=HYPERLINK("x")');
  const u = b.role('bob, "the" reader', { canLogin: true });
  b.member(group, u, { set: false, admin: true });
  const acl = formatAclArray([
    { grantee: 'postgres', grantor: 'postgres', privileges: relationRights(16), grantOptions: 0 },
    { grantee: '=HYPERLINK("x")', grantor: 'postgres', privileges: SELECT, grantOptions: SELECT },
  ]);
  const t = b.relation('-orders', BOOTSTRAP_OID, acl);
  const snap = b.build();
  const ctx = buildAccessContext(snap);
  return { snap, ctx, u, t, group };
}

describe('the views as CSV', () => {
  it('the role view: one row per object and privilege, the formula guard and RFC 4180 quoting', () => {
    const { snap, ctx, u } = scenario();
    const v = roleView(viewEngine(snap, ctx), u);
    if (v === null) throw new Error('no view');
    const text = roleViewCsv(v);
    expect(text).toContain(",'-orders,");
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['role', 'object_type', 'schema', 'object', 'privilege', 'is_grantable', 'via', 'grant_option_via']);
    expect(rows.slice(1)).toEqual([
      ['bob, "the" reader', 'database', '', 'db', 'CONNECT', 'NO', 'PUBLIC', ''],
      ['bob, "the" reader', 'database', '', 'db', 'TEMPORARY', 'NO', 'PUBLIC', ''],
      ['bob, "the" reader', 'table', 'public', "'-orders", 'SELECT', 'YES', 'group =HYPERLINK("x")', 'group =HYPERLINK("x")'],
    ]);
  });

  it('the memberships: one row per edge with its options', () => {
    const { snap, ctx, u } = scenario();
    const v = roleView(viewEngine(snap, ctx), u);
    if (v === null) throw new Error('no view');
    expect(parseCsv(membershipsCsv(v))).toEqual([
      ['direction', 'member', 'group', 'inherit', 'set', 'admin', 'granted_by', 'implicit'],
      ['up', 'bob, "the" reader', `'=HYPERLINK("x")`, 'YES', 'NO', 'YES', 'postgres', 'NO'],
    ]);
  });

  it('the relation view: every role that holds something, with schema USAGE and CONNECT', () => {
    const { snap, ctx, t } = scenario();
    const v = relationView(snap, ctx, t);
    if (v === null) throw new Error('no view');
    const rows = parseCsv(relationViewCsv(v));
    expect(rows[0]).toEqual(['schema', 'relation', 'role', 'role_kind', 'privilege', 'is_grantable', 'via', 'grant_option_via', 'schema_usage', 'connect']);
    const byRole = (name: string) => rows.filter((r) => r[2] === name).map((r) => [r[4], r[5], r[6], r[8], r[9]].join(' '));
    expect(byRole(`'=HYPERLINK("x")`)).toEqual(['SELECT YES direct grant NO YES']);
    expect(byRole('bob, "the" reader')).toEqual([`SELECT YES group =HYPERLINK("x") NO YES`]);
    expect(byRole('postgres')).toHaveLength(7);
    expect(rows.slice(1).every((r) => r[1] === "'-orders")).toBe(true);
  });
});
