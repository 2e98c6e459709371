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
  // An ACL text names its owner, so nearly every text has one key: its first class is
  // kept in `first`, and only texts seen with several keys (NULL, the same grants on
  // tables of several owners) get a map of their own.
  const first = new Map<string | null, number>();
  const more = new Map<string | null, Map<number, number>>();
  const keyOf: number[] = [];
  const firsts: number[] = [];
  const newClass = (j: number, key: number) => {
    keyOf.push(key);
    firsts.push(j);
    return firsts.length - 1;
  };
  for (let j = 0; j < relCount; j++) {
    const rel = rels[j] as SnapshotRelation;
    relationOids[j] = rel.oid;
    relevant[j] = relevantRelationRights(rel.kind, snapshot.serverMajor);
    const key = rel.owner * 4 + (relationAclObjectType(rel.kind) === 's' ? 2 : 0) + (isSystemCatalog(rel) ? 1 : 0);
    let c = first.get(rel.relacl);
    if (c === undefined) {
      c = newClass(j, key);
      first.set(rel.relacl, c);
    } else if (keyOf[c] !== key) {
      let byKey = more.get(rel.relacl);
      if (byKey === undefined) {
        byKey = new Map([[keyOf[c] ?? 0, c]]);
        more.set(rel.relacl, byKey);
      }
      c = byKey.get(key);
      if (c === undefined) {
        c = newClass(j, key);
        byKey.set(key, c);
      }
    }
    classOf[j] = c;
  }
  return { classOf, relationOids, relevant, firsts };
}
