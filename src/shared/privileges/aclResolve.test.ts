import { describe, expect, it } from 'vitest';
import { PUBLIC_OID, droppedRoleOid, parseResolvedAcl } from './aclResolve';
import { buildRoleDirectory } from './roleDirectory';
import { SnapshotBuilder } from './testSnapshot';

describe('resolving ACL names to oids', () => {
  const b = new SnapshotBuilder(16);
  const alice = b.role('alice');
  const digits = b.role('12345');
  const odd = b.role('we"ird');
  const dir = buildRoleDirectory(b.build().roles);

  it('maps names through the snapshot roles, PUBLIC to PUBLIC_OID', () => {
    const [a, pub, w] = parseResolvedAcl('{alice=r/postgres,=r/alice,"\\"we\\"\\"ird\\"=w/alice"}', dir);
    expect(a).toMatchObject({ grantee: alice, grantor: 10 });
    expect(pub).toMatchObject({ grantee: PUBLIC_OID, grantor: alice, granteeText: null });
    expect(w).toMatchObject({ grantee: odd, granteeText: 'we"ird' });
  });

  it('a role named with digits is found by name first', () => {
    expect(parseResolvedAcl('{12345=r/postgres}', dir)[0]?.grantee).toBe(digits);
  });

  it('a dropped role (printed as oid digits) is an unknown grantee', () => {
    const [e] = parseResolvedAcl('{99999=r/postgres}', dir);
    expect(e).toMatchObject({ grantee: null, granteeText: '99999' });
    expect(droppedRoleOid('99999')).toBe(99999);
    expect(droppedRoleOid('bob')).toBeNull();
  });

  it('an unknown grantor stays null with its printed text', () => {
    expect(parseResolvedAcl('{alice=r/16999}', dir)[0]).toMatchObject({ grantor: null, grantorText: '16999' });
  });
});
