import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AccessContext } from './accessColumn';
import { buildAccessContext } from './accessColumn';
import { acldefault, relationAclObjectType } from './acldefault';
import type { ResolvedAclEntry } from './aclResolve';
import { PUBLIC_OID, parseResolvedAcl } from './aclResolve';
import { relevantRelationRights } from './bits';
import { deniedOnRelation } from './effective';
import { inheritancePaths } from './membership';
import { predefinedGrantsFor } from './predefined';
import { roleName } from './roleDirectory';

/** Where a privilege comes from. */
export type ReasonSource = 'superuser' | 'direct' | 'group' | 'public' | 'owner' | 'predefined';

/** One reason a role holds some privileges on a relation. */
export interface CellReason {
  /** superuser; direct / group / public ACL entry; owner (implicit grant options); predefined role. */
  source: ReasonSource;
  /** Privileges this reason gives (limited to what the relation has). */
  privileges: number;
  /** Grant options this reason gives. */
  grantable: number;
  /** Role oids from the role itself to the role holding the grant; [] for public and superuser. */
  path: number[];
  /** Names for `path`. */
  pathNames: string[];
  /** Role holding the grant (PUBLIC_OID for public), null for superuser. */
  granteeOid: number | null;
  /** True when the ACL entry belongs to the relation's owner ("as owner"). */
  granteeIsOwner: boolean;
  /** Grantor of the ACL entry (null when not an ACL entry or unknown role). */
  grantorOid: number | null;
  /** Grantor name as printed in the ACL (null when not an ACL entry). */
  grantorName: string | null;
  /** Name of the predefined role for source 'predefined'. */
  predefinedRole: string | null;
  /** True when the entry comes from acldefault because relacl is NULL. */
  fromAcldefault: boolean;
}

/** Why a role has what it has on one relation. */
export interface CellExplanation {
  /** The role. */
  roleOid: number;
  /** The relation. */
  relationOid: number;
  /** Privileges the relation's kind has. */
  relevant: number;
  /** Effective privileges (equal to the matrix cell). */
  privileges: number;
  /** Effective grant options (equal to the matrix cell). */
  grantable: number;
  /** True when the role is a superuser: grants are meaningless. */
  superuser: boolean;
  /** Privileges refused to non-superusers on this relation (system catalogs), 0 otherwise. */
  denied: number;
  /** Every reason, each with one shortest membership path. */
  reasons: CellReason[];
  /** ACL grantees that match no role of the snapshot (dropped roles print as oid digits). */
  unknownGrantees: string[];
}

function aclReason(
  e: ResolvedAclEntry,
  path: number[] | null,
  names: (oid: number) => string,
  ownerOid: number,
  fromAcldefault: boolean,
  privileges: number,
  grantable: number,
): CellReason {
  const isPublic = e.grantee === PUBLIC_OID;
  const p = path ?? [];
  return {
    source: isPublic ? 'public' : p.length <= 1 ? 'direct' : 'group',
    privileges,
    grantable,
    path: p,
    pathNames: p.map(names),
    granteeOid: e.grantee,
    granteeIsOwner: e.grantee === ownerOid,
    grantorOid: e.grantor,
    grantorName: e.grantorText,
    predefinedRole: null,
    fromAcldefault,
  };
}

/** Explains one matrix cell: every source of each privilege, with a shortest group path and the grantor. */
export function explainCell(
  snapshot: CatalogSnapshot,
  roleOid: number,
  relationOid: number,
  context?: AccessContext,
): CellExplanation | null {
  const ctx = context ?? buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const role = dir.roles[dir.indexOf.get(roleOid) ?? -1];
  const rel = snapshot.relations.find((r) => r.oid === relationOid);
  if (!role || !rel) return null;
  const names = (oid: number): string => roleName(dir, oid);
  const relevant = relevantRelationRights(rel.kind, snapshot.serverMajor);
  const denied = role.superuser ? 0 : deniedOnRelation(rel);
  const allowed = relevant & ~denied;
  const paths = inheritancePaths(ctx.closure, roleOid);
  const reasons: CellReason[] = [];
  const unknownGrantees: string[] = [];
  const fromAcldefault = rel.relacl === null;
  const entries: ResolvedAclEntry[] =
    rel.relacl === null
      ? acldefault(relationAclObjectType(rel.kind), rel.owner, snapshot.serverMajor).map((e) => ({
          ...e,
          granteeText: e.grantee === PUBLIC_OID ? null : names(rel.owner),
          grantorText: names(rel.owner),
        }))
      : parseResolvedAcl(rel.relacl, dir);
  if (role.superuser) {
    reasons.push({
      source: 'superuser',
      privileges: relevant,
      grantable: relevant,
      path: [],
      pathNames: [],
      granteeOid: null,
      granteeIsOwner: false,
      grantorOid: null,
      grantorName: null,
      predefinedRole: null,
      fromAcldefault: false,
    });
  }
  for (const e of entries) {
    if (e.grantee === null) {
      unknownGrantees.push(e.granteeText ?? '');
      continue;
    }
    const path = e.grantee === PUBLIC_OID ? null : paths.get(e.grantee);
    if (path === undefined) continue;
    const p = e.privileges & allowed;
    const g = e.grantOptions & relevant;
    if ((p | g) !== 0) reasons.push(aclReason(e, path, names, rel.owner, fromAcldefault, p, g));
  }
  const ownerPath = paths.get(rel.owner);
  if (ownerPath) {
    // why: acl.c aclmask: the owner (and whoever has its privileges) implicitly holds every
    // grant option, with no ACL entry for it; acldefault shows the owner without `*`.
    reasons.push({
      source: 'owner',
      privileges: 0,
      grantable: relevant,
      path: ownerPath,
      pathNames: ownerPath.map(names),
      granteeOid: rel.owner,
      granteeIsOwner: true,
      grantorOid: null,
      grantorName: null,
      predefinedRole: null,
      fromAcldefault: false,
    });
  }
  for (const grant of predefinedGrantsFor(snapshot.serverMajor)) {
    const path = paths.get(grant.oid);
    const p = grant.relationPrivileges & allowed;
    if (!path || p === 0) continue;
    reasons.push({
      source: 'predefined',
      privileges: p,
      grantable: 0,
      path,
      pathNames: path.map(names),
      granteeOid: grant.oid,
      granteeIsOwner: false,
      grantorOid: null,
      grantorName: null,
      predefinedRole: grant.name,
      fromAcldefault: false,
    });
  }
  let privileges = 0;
  let grantable = 0;
  for (const r of reasons) {
    privileges |= r.privileges;
    grantable |= r.grantable;
  }
  const superuser = role.superuser;
  return { roleOid, relationOid, relevant, privileges, grantable, superuser, denied, reasons, unknownGrantees };
}

/** The reasons that give one privilege bit (or its grant option). */
export function reasonsFor(explanation: CellExplanation, bit: number, withGrantOption = false): CellReason[] {
  return explanation.reasons.filter((r) => ((withGrantOption ? r.grantable : r.privileges) & bit) !== 0);
}
