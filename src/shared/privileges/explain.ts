import type { CatalogSnapshot, SnapshotRelation, SnapshotSchema } from '../catalog/snapshot';
import type { AccessContext } from './accessColumn';
import { buildAccessContext } from './accessColumn';
import { acldefault, relationAclObjectType, type AclObjectType } from './acldefault';
import type { ResolvedAclEntry } from './aclResolve';
import { PUBLIC_OID, parseResolvedAcl } from './aclResolve';
import { databaseRights, relevantRelationRights, schemaRights } from './bits';
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

/** One object to explain: its ACL as the catalog holds it (null: acldefault), owner and the rights that matter. */
export interface ExplainTarget {
  /** The object's oid (for the explanation's `relationOid`). */
  oid: number;
  owner: number;
  /** relacl / nspacl / datacl text, null when never set. */
  acl: string | null;
  /** acldefault's object type letter for a NULL ACL. */
  objtype: AclObjectType;
  /** Privileges that exist for this kind of object. */
  relevant: number;
  /** Privileges refused to non-superusers whatever the ACL says (system catalogs). */
  denied: number;
  /** Which predefined roles' privileges apply: on relations, on schemas, or none (databases). */
  predefined: 'relation' | 'schema' | 'none';
}

/** A relation as an ExplainTarget. */
export function relationTarget(rel: SnapshotRelation, serverMajor: number): ExplainTarget {
  const relevant = relevantRelationRights(rel.kind, serverMajor);
  return { oid: rel.oid, owner: rel.owner, acl: rel.relacl, objtype: relationAclObjectType(rel.kind), relevant, denied: deniedOnRelation(rel), predefined: 'relation' };
}

/** A schema as an ExplainTarget (has_schema_privilege). */
export function schemaTarget(schema: SnapshotSchema): ExplainTarget {
  return { oid: schema.oid, owner: schema.owner, acl: schema.nspacl, objtype: 'n', relevant: schemaRights, denied: 0, predefined: 'schema' };
}

/** The snapshot's database as an ExplainTarget (has_database_privilege). */
export function databaseTarget(db: CatalogSnapshot['database']): ExplainTarget {
  return { oid: db.oid, owner: db.owner, acl: db.datacl, objtype: 'd', relevant: databaseRights, denied: 0, predefined: 'none' };
}

/** Explains one matrix cell: every source of each privilege, with a shortest group path and the grantor. */
export function explainCell(
  snapshot: CatalogSnapshot,
  roleOid: number,
  relationOid: number,
  context?: AccessContext,
): CellExplanation | null {
  const rel = snapshot.relations.find((r) => r.oid === relationOid);
  if (!rel) return null;
  return explainObject(context ?? buildAccessContext(snapshot), relationTarget(rel, snapshot.serverMajor), roleOid);
}

/**
 * Explains what one role holds on any object with an ACL (relation, schema, database), the
 * way aclchk.c decides it. `paths` (inheritancePaths of the role) may be passed when one
 * role is explained on many objects; `entries`, the target's parsed ACL, when one object is
 * explained for many roles.
 */
export function explainObject(
  ctx: AccessContext,
  target: ExplainTarget,
  roleOid: number,
  paths: ReadonlyMap<number, number[]> = inheritancePaths(ctx.closure, roleOid),
  entries: readonly ResolvedAclEntry[] = targetEntries(ctx, target),
): CellExplanation | null {
  const dir = ctx.closure.directory;
  const role = dir.roles[dir.indexOf.get(roleOid) ?? -1];
  if (!role) return null;
  const names = (oid: number): string => roleName(dir, oid);
  const { relevant, owner } = target;
  const denied = role.superuser ? 0 : target.denied;
  const allowed = relevant & ~denied;
  const reasons: CellReason[] = [];
  const unknownGrantees: string[] = [];
  const fromAcldefault = target.acl === null;
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
    if ((p | g) !== 0) reasons.push(aclReason(e, path, names, owner, fromAcldefault, p, g));
  }
  const ownerPath = paths.get(owner);
  if (ownerPath) {
    // why: acl.c aclmask: the owner (and whoever has its privileges) implicitly holds every
    // grant option, with no ACL entry for it; acldefault shows the owner without `*`.
    reasons.push({
      source: 'owner',
      privileges: 0,
      grantable: relevant,
      path: ownerPath,
      pathNames: ownerPath.map(names),
      granteeOid: owner,
      granteeIsOwner: true,
      grantorOid: null,
      grantorName: null,
      predefinedRole: null,
      fromAcldefault: false,
    });
  }
  const serverMajor = ctx.serverMajor;
  for (const grant of target.predefined === 'none' ? [] : predefinedGrantsFor(serverMajor)) {
    const path = paths.get(grant.oid);
    const p = (target.predefined === 'relation' ? grant.relationPrivileges : grant.schemaPrivileges) & allowed;
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
  return { roleOid, relationOid: target.oid, relevant, privileges, grantable, superuser, denied, reasons, unknownGrantees };
}

/** A target's ACL entries with names: its ACL parsed, or acldefault's when it is NULL. */
export function targetEntries(ctx: AccessContext, target: ExplainTarget): ResolvedAclEntry[] {
  const dir = ctx.closure.directory;
  if (target.acl !== null) return parseResolvedAcl(target.acl, dir);
  const ownerName = roleName(dir, target.owner);
  return acldefault(target.objtype, target.owner, ctx.serverMajor).map((e) => ({
    ...e,
    granteeText: e.grantee === PUBLIC_OID ? null : ownerName,
    grantorText: ownerName,
  }));
}

/** The reasons that give one privilege bit (or its grant option). */
export function reasonsFor(explanation: CellExplanation, bit: number, withGrantOption = false): CellReason[] {
  return explanation.reasons.filter((r) => ((withGrantOption ? r.grantable : r.privileges) & bit) !== 0);
}
