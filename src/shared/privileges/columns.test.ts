import { describe, expect, it } from 'vitest';
import { INSERT, REFERENCES, SELECT, UPDATE, columnRights } from './bits';
import { computeColumnAccess } from './columns';
import { hasObjectPrivilege } from './objectAccess';
import { BOOTSTRAP_OID, SnapshotBuilder } from './testSnapshot';

describe('column privileges', () => {
  const b = new SnapshotBuilder(16);
  const owner = b.role('owner');
  const clerk = b.role('clerk');
  const team = b.role('team');
  const member = b.role('member');
  b.member(team, member);
  const t = b.relation('t', owner, null);
  b.column(t, 1, 'id', '{clerk=r*/owner,team=w/owner}').column(t, 2, 'secret', null);
  const snap = b.build();
  const m = computeColumnAccess(snap, t);

  it('reads column ACLs with grant options and inheritance', () => {
    expect(hasObjectPrivilege(m, clerk, 1, SELECT)).toBe(true);
    expect(hasObjectPrivilege(m, clerk, 1, SELECT, true)).toBe(true);
    expect(hasObjectPrivilege(m, clerk, 1, UPDATE)).toBe(false);
    expect(hasObjectPrivilege(m, member, 1, UPDATE)).toBe(true);
  });

  it('gives the owner implicit grant options only where attacl is set', () => {
    expect(hasObjectPrivilege(m, owner, 1, INSERT, true)).toBe(true);
    expect(hasObjectPrivilege(m, owner, 1, INSERT)).toBe(false);
    expect(hasObjectPrivilege(m, owner, 2, REFERENCES, true)).toBe(false);
  });

  it('superusers have everything; unknown relations have no columns', () => {
    expect(hasObjectPrivilege(m, BOOTSTRAP_OID, 2, columnRights & SELECT)).toBe(true);
    expect(computeColumnAccess(snap, 1).objectOids.length).toBe(0);
  });
});
