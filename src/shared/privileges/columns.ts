import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AccessContext } from './accessColumn';
import { buildAccessContext, compactEntries } from './accessColumn';
import { parseResolvedAcl } from './aclResolve';
import { columnRights } from './bits';
import { denseAccess, type ObjectAccessMatrix } from './objectAccess';

/**
 * Column-level privileges of every role on the columns of one relation that have an
 * attacl (objectOids hold attnums). has_column_privilege = table-level cell OR this.
 */
export function computeColumnAccess(
  snapshot: CatalogSnapshot,
  relationOid: number,
  context?: AccessContext,
): ObjectAccessMatrix {
  const ctx = context ?? buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const rel = snapshot.relations.find((r) => r.oid === relationOid);
  const columns = rel ? (snapshot.columns ?? []).filter((c) => c.relationOid === relationOid) : [];
  return denseAccess(
    ctx,
    columns,
    (col) => col.attnum,
    // why: pg_attribute_aclmask returns 0 at once when attacl is NULL: a column's default
    // ACL is empty, and the owner's implicit grant options apply only when attacl is set.
    (col) => ({
      entries: col.attacl === null ? [] : compactEntries(parseResolvedAcl(col.attacl, dir), ctx.closure),
      ownerIndex: col.attacl === null || !rel ? -1 : (dir.indexOf.get(rel.owner) ?? -1),
      relevant: columnRights,
      denied: 0,
      predefined: 'none',
    }),
  );
}
