import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { AccessContext, CompactEntry } from './accessColumn';
import { buildAccessContext, compactEntries, fillAccessColumn } from './accessColumn';
import { acldefault, relationAclObjectType } from './acldefault';
import { parseResolvedAcl } from './aclResolve';
import { INSERT, DELETE, TRUNCATE, UPDATE, USAGE, relevantRelationRights } from './bits';

/**
 * Effective privileges of every role on every relation, as has_table_privilege would
 * answer them. Cells are relation-major: cell (role i, relation j) is at j * roleCount + i.
 */
export interface EffectiveMatrix {
  /** Server major the masks were computed for. */
  readonly serverMajor: number;
  /** Role oids by role index (snapshot order). */
  readonly roleOids: Uint32Array;
  /** Relation oids by relation index (snapshot order). */
  readonly relationOids: Uint32Array;
  /** Role index by oid. */
  readonly roleIndex: ReadonlyMap<number, number>;
  /** Relation index by oid. */
  readonly relationIndex: ReadonlyMap<number, number>;
  /** Privilege bits per cell (see bits.ts). */
  readonly privileges: Uint16Array;
  /** Grant-option bits per cell. */
  readonly grantable: Uint16Array;
  /** Per relation: the privileges its kind has (sequences: USAGE SELECT UPDATE). */
  readonly relevant: Uint16Array;
  /** Per role: 1 when superuser (its cells are "all, meaningless"). */
  readonly superuser: Uint8Array;
}

/** Privileges pg_class_aclmask_ext denies non-superusers on system catalogs. */
const systemCatalogDenied = INSERT | UPDATE | DELETE | TRUNCATE | USAGE;
/** pg_toast's fixed oid. */
const PG_TOAST_NAMESPACE_OID = 99;
/** FirstUnpinnedObjectId (15+; FirstBootstrapObjectId in 14, same value). */
const FIRST_UNPINNED_OID = 12000;

/** Whether PostgreSQL treats the relation as a system catalog that nobody but superusers may modify. */
export function isSystemCatalog(relation: Pick<SnapshotRelation, 'oid' | 'schemaOid' | 'kind'>): boolean {
  // why: catalog.c IsSystemClass = TOAST relation or an oid below FirstUnpinnedObjectId
  // (12000); aclchk.c exempts views ("updatable system views... take care of themselves").
  if (relation.kind === 'v') return false;
  return relation.oid < FIRST_UNPINNED_OID || relation.schemaOid === PG_TOAST_NAMESPACE_OID;
}

/** The privileges denied to non-superusers on a relation whatever its ACL says. */
export function deniedOnRelation(relation: Pick<SnapshotRelation, 'oid' | 'schemaOid' | 'kind'>): number {
  return isSystemCatalog(relation) ? systemCatalogDenied : 0;
}

/** The relation's ACL as compact entries: relacl, or acldefault when it is NULL. */
export function relationEntries(
  ctx: AccessContext,
  relation: SnapshotRelation,
  cache?: Map<string, CompactEntry[]>,
): CompactEntry[] {
  if (relation.relacl === null) {
    // why: relacl IS NULL means acldefault(relkind's type, owner): the owner has everything.
    const def = acldefault(relationAclObjectType(relation.kind), relation.owner, ctx.serverMajor);
    return compactEntries(def, ctx.closure);
  }
  const hit = cache?.get(relation.relacl);
  if (hit) return hit;
  const entries = compactEntries(parseResolvedAcl(relation.relacl, ctx.closure.directory), ctx.closure);
  cache?.set(relation.relacl, entries);
  return entries;
}

/**
 * Computes the effective privileges of every role on every relation of a snapshot.
 * Work is shared: the closure is computed once, each distinct ACL text parsed once, and
 * relations with the same (ACL, owner, kind) copy the first one's column.
 */
export function computeEffective(snapshot: CatalogSnapshot, context?: AccessContext): EffectiveMatrix {
  const ctx = context ?? buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const roleCount = dir.roles.length;
  const relCount = snapshot.relations.length;
  const privileges = new Uint16Array(roleCount * relCount);
  const grantable = new Uint16Array(roleCount * relCount);
  const relevant = new Uint16Array(relCount);
  const relationIndex = new Map<number, number>();
  const parsed = new Map<string, CompactEntry[]>();
  // why: keyed by the ACL text first (the pg string, hashed once) and then a short
  // (object type, owner, denied) key, instead of concatenating the whole ACL per relation.
  const firstColumn = new Map<string | null, Map<string, number>>();
  const ownerIndexOf = dir.indexOf;
  const rels = snapshot.relations;
  for (let j = 0; j < relCount; j++) {
    const rel = rels[j] as SnapshotRelation;
    relationIndex.set(rel.oid, j);
    const rights = relevantRelationRights(rel.kind, snapshot.serverMajor);
    const denied = deniedOnRelation(rel);
    relevant[j] = rights;
    const base = j * roleCount;
    let byOwner = firstColumn.get(rel.relacl);
    if (byOwner === undefined) {
      byOwner = new Map<string, number>();
      firstColumn.set(rel.relacl, byOwner);
    }
    const key = `${relationAclObjectType(rel.kind)}|${rel.owner}|${denied}`;
    const same = byOwner.get(key);
    if (same !== undefined) {
      privileges.copyWithin(base, same * roleCount, same * roleCount + roleCount);
      grantable.copyWithin(base, same * roleCount, same * roleCount + roleCount);
      continue;
    }
    byOwner.set(key, j);
    const entries = relationEntries(ctx, rel, parsed);
    const ownerIndex = ownerIndexOf.get(rel.owner) ?? -1;
    const input = { entries, ownerIndex, relevant: rights, denied, predefined: 'relation' } as const;
    fillAccessColumn(ctx, input, privileges, grantable, base);
  }
  return {
    serverMajor: snapshot.serverMajor,
    roleOids: Uint32Array.from(dir.roles, (r) => r.oid),
    relationOids: Uint32Array.from(snapshot.relations, (r) => r.oid),
    roleIndex: dir.indexOf,
    relationIndex,
    privileges,
    grantable,
    relevant,
    superuser: Uint8Array.from(dir.roles, (r) => (r.superuser ? 1 : 0)),
  };
}

/** Position of the cell (role, relation) in the matrix arrays, or -1 when either is unknown. */
export function cellIndex(m: EffectiveMatrix, roleOid: number, relationOid: number): number {
  const i = m.roleIndex.get(roleOid);
  const j = m.relationIndex.get(relationOid);
  return i === undefined || j === undefined ? -1 : j * m.roleOids.length + i;
}

/** The effective privileges and grant options of one cell, or null when either oid is unknown. */
export function cellAt(
  m: EffectiveMatrix,
  roleOid: number,
  relationOid: number,
): { privileges: number; grantable: number } | null {
  const k = cellIndex(m, roleOid, relationOid);
  if (k < 0) return null;
  return { privileges: m.privileges[k] ?? 0, grantable: m.grantable[k] ?? 0 };
}

/**
 * has_table_privilege(role, relation, privilege [WITH GRANT OPTION]) from the matrix;
 * null when either oid is unknown.
 */
export function hasRelationPrivilege(
  m: EffectiveMatrix,
  roleOid: number,
  relationOid: number,
  bit: number,
  withGrantOption = false,
): boolean | null {
  const cell = cellAt(m, roleOid, relationOid);
  if (cell === null) return null;
  return ((withGrantOption ? cell.grantable : cell.privileges) & bit) !== 0;
}
