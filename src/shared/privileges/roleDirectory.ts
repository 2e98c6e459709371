import type { SnapshotRole } from '../catalog/snapshot';

/** Roles of a snapshot indexed by oid, by name and by position (positions index the typed arrays). */
export interface RoleDirectory {
  /** The roles, in snapshot order; a role's index is its position here. */
  readonly roles: readonly SnapshotRole[];
  /** Position of each role by oid. */
  readonly indexOf: ReadonlyMap<number, number>;
  /** Oid of each role by exact name. */
  readonly oidByName: ReadonlyMap<string, number>;
}

/** Indexes roles by oid and name. */
export function buildRoleDirectory(roles: readonly SnapshotRole[]): RoleDirectory {
  const indexOf = new Map<number, number>();
  const oidByName = new Map<string, number>();
  roles.forEach((role, i) => {
    indexOf.set(role.oid, i);
    oidByName.set(role.name, role.oid);
  });
  return { roles, indexOf, oidByName };
}

/** The role with this oid, or undefined. */
export function roleByOid(dir: RoleDirectory, oid: number): SnapshotRole | undefined {
  const i = dir.indexOf.get(oid);
  return i === undefined ? undefined : dir.roles[i];
}

/** A role's name for display; unknown oids show as their digits, like aclitemout does. */
export function roleName(dir: RoleDirectory, oid: number): string {
  return roleByOid(dir, oid)?.name ?? String(oid);
}
