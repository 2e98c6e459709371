import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import { relationAclObjectType } from './acldefault';
import { relevantRelationRights } from './bits';
import { isSystemCatalog } from './systemCatalog';

/**
 * Relations grouped by what decides every role's cell on them: the ACL text, the owner,
 * sequence or not, system catalog or not. Relations of one class have the same cell for
 * every role, so the engine and the export compute each class once.
 */
export interface AccessClasses {
  /** Per relation (snapshot order): its class. */
  readonly classOf: Uint32Array;
  /** Per relation: its oid. */
  readonly relationOids: Uint32Array;
  /** Per relation: the privileges its kind has. */
  readonly relevant: Uint16Array;
  /** Per class: the index of its first relation (the one that stands for it). */
  readonly firsts: readonly number[];
}

/** Groups a snapshot's relations into access classes. */
export function accessClasses(snapshot: Pick<CatalogSnapshot, 'relations' | 'serverMajor'>): AccessClasses {
  const rels = snapshot.relations;
  const relCount = rels.length;
  const classOf = new Uint32Array(relCount);
  const relationOids = new Uint32Array(relCount);
  const relevant = new Uint16Array(relCount);
  // why: keyed by the ACL text first (the pg string, hashed once) and then by a number
  // packing (owner, sequence or not, system catalog or not), never a concatenated string.
  const classes = new Map<string | null, Map<number, number>>();
  const firsts: number[] = [];
  for (let j = 0; j < relCount; j++) {
    const rel = rels[j] as SnapshotRelation;
    relationOids[j] = rel.oid;
    relevant[j] = relevantRelationRights(rel.kind, snapshot.serverMajor);
    let byOwner = classes.get(rel.relacl);
    if (byOwner === undefined) {
      byOwner = new Map<number, number>();
      classes.set(rel.relacl, byOwner);
    }
    const key = rel.owner * 4 + (relationAclObjectType(rel.kind) === 's' ? 2 : 0) + (isSystemCatalog(rel) ? 1 : 0);
    let c = byOwner.get(key);
    if (c === undefined) {
      c = firsts.length;
      firsts.push(j);
      byOwner.set(key, c);
    }
    classOf[j] = c;
  }
  return { classOf, relationOids, relevant, firsts };
}
