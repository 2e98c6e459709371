import { describe, expect, it } from 'vitest';
import { buildAccessContext } from '../../../shared/privileges/accessColumn';
import { SELECT, UPDATE } from '../../../shared/privileges/bits';
import { SnapshotBuilder } from '../../../shared/privileges/testSnapshot';
import { columnPrivilegeNames, holdingWords, roleColumnHoldings } from './columnAccess';

describe('roleColumnHoldings', () => {
  const b = new SnapshotBuilder(16);
  const owner = b.role('owner');
  const clerk = b.role('clerk');
  const team = b.role('team');
  const member = b.role('member');
  b.member(team, member);
  const t = b.relation('t', owner, null);
  const snapshot = b.build();
  const columns = [
    { relationOid: t, attnum: 1, name: 'id', attacl: '{clerk=r*w/owner,team=w/owner}' },
    { relationOid: t, attnum: 2, name: 'secret', attacl: null },
  ];
  const ctx = buildAccessContext(snapshot);

  it('lists the columns a role holds something on, with grant options', () => {
    expect(roleColumnHoldings(snapshot, columns, t, clerk, ctx)).toEqual([{ name: 'id', privileges: SELECT | UPDATE, grantable: SELECT }]);
  });

  it('counts what comes through a group', () => {
    expect(roleColumnHoldings(snapshot, columns, t, member, ctx)).toEqual([{ name: 'id', privileges: UPDATE, grantable: 0 }]);
  });

  it('leaves out the owner’s implicit grant options and unknown roles', () => {
    expect(roleColumnHoldings(snapshot, columns, t, owner, ctx)).toEqual([]);
    expect(roleColumnHoldings(snapshot, columns, t, 999_999, ctx)).toEqual([]);
  });

  it('words a holding and knows the four column privileges', () => {
    expect(holdingWords({ name: 'id', privileges: SELECT | UPDATE, grantable: SELECT })).toBe('id: SELECT, UPDATE (may grant SELECT)');
    expect(columnPrivilegeNames).toEqual(['SELECT', 'INSERT', 'UPDATE', 'REFERENCES']);
  });
});
