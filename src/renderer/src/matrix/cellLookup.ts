import { cellBits } from '../../../shared/privileges/matrixCells';
import type { CellFacts } from './cellText';
import type { AxisItem, RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';

/** The role and the relation a row item and a column item stand for, whichever axis holds which. */
export function pairOf(a: AxisItem, b: AxisItem): { role: RoleItem; rel: RelationItem } | null {
  if (a.type === 'role' && b.type === 'relation') return { role: a, rel: b };
  if (a.type === 'relation' && b.type === 'role') return { role: b, rel: a };
  return null;
}

/** What the matrix says about one role on one relation. */
export function cellFacts(data: MatrixData, role: RoleItem, rel: RelationItem): CellFacts {
  const { privileges, grantable } = cellBits(data, role.index, rel.index);
  return {
    privileges,
    grantable,
    superuser: data.superuser[role.index] === 1,
    owner: rel.ownerIndex === role.index,
  };
}

/** A stable key for an axis item (oids are unique per kind). */
export function itemKey(item: AxisItem): string {
  return `${item.type === 'role' ? 'role' : 'rel'}:${item.oid}`;
}
