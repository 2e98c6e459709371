import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AccessContext } from './accessColumn';
import { buildAccessContext, compactEntries, fillAccessColumn } from './accessColumn';
import { parseResolvedAcl } from './aclResolve';
import { columnRights } from './bits';
import type { ObjectAccessMatrix } from './objectAccess';

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
  const roleCount = dir.roles.length;
  const rel = snapshot.relations.find((r) => r.oid === relationOid);
  const columns = rel ? (snapshot.columns ?? []).filter((c) => c.relationOid === relationOid) : [];
  const privileges = new Uint16Array(roleCount * columns.length);
  const grantable = new Uint16Array(roleCount * columns.length);
  const objectIndex = new Map<number, number>();
  columns.forEach((col, j) => {
    objectIndex.set(col.attnum, j);
    // why: pg_attribute_aclmask returns 0 at once when attacl is NULL: a column's default
    // ACL is empty, and the owner's implicit grant options apply only when attacl is set.
    const entries = col.attacl === null ? [] : compactEntries(parseResolvedAcl(col.attacl, dir), ctx.closure);
    const ownerIndex = col.attacl === null || !rel ? -1 : (dir.indexOf.get(rel.owner) ?? -1);
    fillAccessColumn(
      ctx,
      { entries, ownerIndex, relevant: columnRights, denied: 0, predefined: 'none' },
      privileges,
      grantable,
      j * roleCount,
    );
  });
  return {
    roleOids: Uint32Array.from(dir.roles, (r) => r.oid),
    objectOids: Uint32Array.from(columns, (c) => c.attnum),
    roleIndex: dir.indexOf,
    objectIndex,
    privileges,
    grantable,
  };
}
