import type { AclItem } from './aclitem';
import { parseAclArray } from './aclitem';
import type { RoleDirectory } from './roleDirectory';

/** PostgreSQL's ACL_ID_PUBLIC: the grantee oid that stands for PUBLIC. */
export const PUBLIC_OID = 0;

/** One ACL entry with roles identified by oid. */
export interface AclEntry {
  /** Grantee oid; PUBLIC_OID for PUBLIC; null when the name matches no role in the snapshot. */
  grantee: number | null;
  /** Grantor oid; null when the name matches no role in the snapshot. */
  grantor: number | null;
  /** Privilege bits. */
  privileges: number;
  /** Bits held with grant option. */
  grantOptions: number;
}

/** An ACL entry mapped to oids, keeping the printed names for display of unknown roles. */
export interface ResolvedAclEntry extends AclEntry {
  /** Grantee as printed (null for PUBLIC). */
  granteeText: string | null;
  /** Grantor as printed. */
  grantorText: string;
}

/** Maps a printed role name to its oid through the snapshot's roles; null when unknown. */
export function resolveRoleName(dir: RoleDirectory, name: string): number | null {
  // why: aclitemout prints a role that no longer exists as its oid digits; such a name
  // matches no role (a role really named "12345" is found by name first, as it should be).
  return dir.oidByName.get(name) ?? null;
}

/** Maps the names in parsed aclitems to oids. */
export function resolveAclItems(items: readonly AclItem[], dir: RoleDirectory): ResolvedAclEntry[] {
  return items.map((item) => ({
    grantee: item.grantee === null ? PUBLIC_OID : resolveRoleName(dir, item.grantee),
    grantor: resolveRoleName(dir, item.grantor),
    privileges: item.privileges,
    grantOptions: item.grantOptions,
    granteeText: item.grantee,
    grantorText: item.grantor,
  }));
}

/** Parses an aclitem[] text and maps its names to oids. */
export function parseResolvedAcl(text: string, dir: RoleDirectory): ResolvedAclEntry[] {
  return resolveAclItems(parseAclArray(text), dir);
}

/** If the oid digits of an unknown name look like a dropped role's oid, returns that oid. */
export function droppedRoleOid(name: string): number | null {
  return /^[0-9]{1,10}$/.test(name) ? Number(name) : null;
}
