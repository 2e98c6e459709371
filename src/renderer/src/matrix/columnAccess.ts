import type { CatalogSnapshot, RelationKind, SnapshotColumn } from '../../../shared/catalog/snapshot';
import type { AccessContext } from '../../../shared/privileges/accessColumn';
import { columnRights } from '../../../shared/privileges/bits';
import { computeColumnAccess } from '../../../shared/privileges/columns';
import { spokenNames } from './cellText';

/** What one role holds on one column through column grants (its own, a group's or PUBLIC's). */
export interface ColumnHolding {
  name: string;
  privileges: number;
  grantable: number;
}

/** Relation kinds whose columns take privileges (not sequences). */
export const kindsWithColumns: ReadonlySet<RelationKind> = new Set(['r', 'p', 'v', 'm', 'f']);

/** The privileges a column can be granted, in spoken order. */
export const columnPrivilegeNames = spokenNames(columnRights);

/**
 * The column privileges `roleOid` holds on a relation, from the columns read for it
 * (catalog.columns) and the snapshot's roles; columns it holds nothing on are left out.
 */
export function roleColumnHoldings(
  snapshot: CatalogSnapshot,
  columns: readonly SnapshotColumn[],
  relationOid: number,
  roleOid: number,
  context: AccessContext,
): ColumnHolding[] {
  const access = computeColumnAccess({ ...snapshot, columns: [...columns] }, relationOid, context);
  const roleIndex = access.roleIndex.get(roleOid);
  if (roleIndex === undefined) return [];
  const roleCount = access.roleOids.length;
  const names = new Map(columns.filter((c) => c.relationOid === relationOid).map((c) => [c.attnum, c.name]));
  const out: ColumnHolding[] = [];
  access.objectOids.forEach((attnum, j) => {
    const privileges = access.privileges[j * roleCount + roleIndex] ?? 0;
    // why: the owner holds every column grant option implicitly once attacl is set; only
    // columns with a privilege are worth a line.
    if (privileges === 0) return;
    out.push({ name: names.get(attnum) ?? `#${attnum}`, privileges, grantable: (access.grantable[j * roleCount + roleIndex] ?? 0) & privileges });
  });
  return out;
}

/** One holding in plain words, e.g. "email: SELECT, UPDATE (may grant SELECT)". */
export function holdingWords(h: ColumnHolding): string {
  const may = h.grantable === 0 ? '' : ` (may grant ${spokenNames(h.grantable).join(', ')})`;
  return `${h.name}: ${spokenNames(h.privileges).join(', ')}${may}`;
}
