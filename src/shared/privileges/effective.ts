import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { AccessContext, CompactEntries } from './accessColumn';
import { ColumnScratch, accessExtras, buildAccessContext, compactEntries, type AccessSink } from './accessColumn';
import { accessClasses } from './accessClasses';
import { AclFastReader } from './aclFastReader';
import { acldefault, relationAclObjectType } from './acldefault';
import { parseAclItem, splitAclArray } from './aclitem';
import { resolveAclItems } from './aclResolve';
import { MatrixCellsBuilder, cellBits, usersLists, type MatrixCells } from './matrixCells';
import { deniedOnRelation } from './systemCatalog';

/**
 * Effective privileges of every role on every relation, as has_table_privilege would
 * answer them, in MatrixCells' compact form (read them with cellBits or cellAt).
 */
export interface EffectiveMatrix extends MatrixCells {
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
}

export { deniedOnRelation, isSystemCatalog } from './systemCatalog';

/** Parsed ACLs of one snapshot, by ACL text and by aclitem text (the same items recur in many ACLs). */
export interface AclCache {
  readonly acls: Map<string, CompactEntries>;
  readonly items: Map<string, CompactEntries>;
  /** The reader for plain ACL texts, made on first use for the context's roles. */
  reader?: AclFastReader;
}

/** An empty AclCache. */
export function newAclCache(): AclCache {
  return { acls: new Map(), items: new Map() };
}

/** The relation's ACL as compact entries: relacl, or acldefault when it is NULL. */
export function relationEntries(ctx: AccessContext, relation: SnapshotRelation, cache: AclCache = newAclCache()): CompactEntries {
  if (relation.relacl === null) {
    // why: relacl IS NULL means acldefault(relkind's type, owner): the owner has everything.
    const def = acldefault(relationAclObjectType(relation.kind), relation.owner, ctx.serverMajor);
    return compactEntries(def, ctx.closure);
  }
  const hit = cache.acls.get(relation.relacl);
  if (hit) return hit;
  cache.reader ??= new AclFastReader(ctx.closure.directory);
  const entries = cache.reader.entries(relation.relacl) ?? slowEntries(ctx, relation.relacl, cache);
  cache.acls.set(relation.relacl, entries);
  return entries;
}

/** An ACL's entries through the full aclitem parser (quoted names, escapes), items cached by text. */
function slowEntries(ctx: AccessContext, relacl: string, cache: AclCache): CompactEntries {
  return splitAclArray(relacl).flatMap((text) => {
    let entry = cache.items.get(text);
    if (entry === undefined) {
      entry = compactEntries(resolveAclItems([parseAclItem(text)], ctx.closure.directory), ctx.closure);
      if (entry.length !== 3) throw new Error('An aclitem parsed to no entry.');
      cache.items.set(text, entry);
    }
    return entry;
  });
}

/** By default, roles with more users than this are referenced by a class, not expanded into one addition per user. */
const REFERENCE_ABOVE = 8;

/** How computeEffective lays out its cells (tests try every layout). */
export interface ComputeOptions {
  /** Roles with more users than this become group references (default 8; 0: every grantee; Infinity: none). */
  referenceAbove?: number;
}

/**
 * Computes the effective privileges of every role on every relation of a snapshot.
 * Work is shared: the closure is computed once, each distinct ACL text parsed once, and
 * relations with the same (ACL, object type, owner, denied) share one access class.
 */
export function computeEffective(snapshot: CatalogSnapshot, context?: AccessContext, options: ComputeOptions = {}): EffectiveMatrix {
  const referenceAbove = options.referenceAbove ?? REFERENCE_ABOVE;
  const ctx = context ?? buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const roleCount = dir.roles.length;
  const rels = snapshot.relations;
  const { classOf, relationOids, relevant, firsts } = accessClasses(snapshot);
  const cells = new MatrixCellsBuilder(firsts.length);
  const scratch = new ColumnScratch(roleCount);
  const parsed = newAclCache();
  // why: accessExtras' rules, except that a grantee with many users becomes one group
  // reference instead of an addition per user; one sink for every class.
  const give: AccessSink = (grantee, users, privileges, grantable) => {
    if (users.length > referenceAbove) cells.reference(grantee, privileges, grantable);
    else for (let k = 0; k < users.length; k++) scratch.add(users[k] ?? 0, privileges, grantable);
  };
  for (let c = 0; c < firsts.length; c++) {
    const j = firsts[c] ?? 0;
    const rel = rels[j] as SnapshotRelation;
    const entries = relationEntries(ctx, rel, parsed);
    const ownerIndex = dir.indexOf.get(rel.owner) ?? -1;
    const base = accessExtras(ctx, { entries, ownerIndex, relevant: relevant[j] ?? 0, denied: deniedOnRelation(rel), predefined: 'relation' }, give);
    cells.add(c, base, scratch);
  }
  let relationIndex: Map<number, number> | undefined;
  return {
    serverMajor: snapshot.serverMajor,
    roleCount,
    roleOids: Uint32Array.from(dir.roles, (r) => r.oid),
    relationOids,
    roleIndex: dir.indexOf,
    // why: built on first use; the grid and the CSV go by index and never need it.
    get relationIndex() {
      relationIndex ??= new Map(Array.from(relationOids, (oid, j) => [oid, j]));
      return relationIndex;
    },
    classOf,
    relevant,
    superuser: Uint8Array.from(dir.roles, (r) => (r.superuser ? 1 : 0)),
    ...cells.finish(),
    ...usersLists(ctx.closure.usedBy),
  };
}

/** The effective privileges and grant options of one cell, or null when either oid is unknown. */
export function cellAt(
  m: EffectiveMatrix,
  roleOid: number,
  relationOid: number,
): { privileges: number; grantable: number } | null {
  const i = m.roleIndex.get(roleOid);
  const j = m.relationIndex.get(relationOid);
  return i === undefined || j === undefined ? null : cellBits(m, i, j);
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
