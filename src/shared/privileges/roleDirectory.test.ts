import { describe, expect, it } from 'vitest';
import { buildRoleDirectory, roleByOid, roleName } from './roleDirectory';
import { SnapshotBuilder } from './testSnapshot';

describe('role directory', () => {
  it('indexes roles by oid, name and position', () => {
    const b = new SnapshotBuilder(16);
    const alice = b.role('Alice "A"');
    const dir = buildRoleDirectory(b.build().roles);
    expect(dir.oidByName.get('Alice "A"')).toBe(alice);
    expect(roleByOid(dir, alice)?.name).toBe('Alice "A"');
    expect(dir.roles[dir.indexOf.get(alice) ?? -1]?.oid).toBe(alice);
  });

  it('shows unknown oids as digits, like aclitemout', () => {
    const dir = buildRoleDirectory([]);
    expect(roleName(dir, 424242)).toBe('424242');
    expect(roleByOid(dir, 1)).toBeUndefined();
  });
});
