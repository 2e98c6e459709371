import type { SnapshotRelation } from '../catalog/snapshot';
import { DELETE, INSERT, TRUNCATE, UPDATE, USAGE } from './bits';

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

