import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { parseResolvedAcl } from '../../../shared/privileges/aclResolve';
import { buildRoleDirectory } from '../../../shared/privileges/roleDirectory';
import type { SuperuserTrap } from './matrixProtocol';

/** BOOTSTRAP_SUPERUSERID: the role initdb creates (usually postgres); being superuser is its job. */
const BOOTSTRAP_SUPERUSER_OID = 10;

/**
 * Superusers other than the bootstrap superuser that hold ACL grants or group memberships.
 * why: a superuser bypasses every privilege check, so such grants only look like a limit
 * (the lesson's data_viewer: SUPERUSER plus "GRANT SELECT ON users").
 */
export function superuserTraps(snapshot: CatalogSnapshot): SuperuserTrap[] {
  const dir = buildRoleDirectory(snapshot.roles);
  const supers = snapshot.roles.filter((r) => r.superuser && r.oid !== BOOTSTRAP_SUPERUSER_OID);
  if (supers.length === 0) return [];
  const grants = new Map<number, number>(supers.map((r) => [r.oid, 0]));
  const count = (acl: string | null, owner: number): void => {
    if (acl === null) return;
    for (const entry of parseResolvedAcl(acl, dir)) {
      const n = entry.grantee === null ? undefined : grants.get(entry.grantee);
      if (n !== undefined && entry.grantee !== owner) grants.set(entry.grantee as number, n + 1);
    }
  };
  count(snapshot.database.datacl, snapshot.database.owner);
  for (const s of snapshot.schemas) count(s.nspacl, s.owner);
  for (const r of snapshot.relations) count(r.relacl, r.owner);
  return supers
    .map((role) => ({
      oid: role.oid,
      name: role.name,
      grants: grants.get(role.oid) ?? 0,
      groups: snapshot.memberships
        .filter((m) => m.member === role.oid)
        .map((m) => dir.roles[dir.indexOf.get(m.roleid) ?? -1]?.name ?? String(m.roleid)),
    }))
    .filter((t) => t.grants > 0 || t.groups.length > 0);
}
