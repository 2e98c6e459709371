import { cellBits } from '../../../shared/privileges/matrixCells';
import { stagedKey } from './cellEdits';
import type { CellFacts } from './cellText';
import type { AxisItem, RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';
import type { StagedCells } from './stagedLookup';

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

/** A cell as the grid shows it: its facts, faint when the privilege filter (0 = any) finds nothing there, staged when a change touches it. */
export function cellShown(data: MatrixData, role: RoleItem, rel: RelationItem, privilege: number, staged: StagedCells): CellFacts & { faint: boolean; staged: boolean } {
  const facts = cellFacts(data, role, rel);
  return {
    ...facts,
    faint: privilege !== 0 && (facts.privileges & privilege) === 0,
    staged: staged.has(stagedKey(role.name, rel.schema, rel.name)),
  };
}

/** A stable key for an axis item (oids are unique per kind). */
export function itemKey(item: AxisItem): string {
  return `${item.type === 'role' ? 'role' : 'rel'}:${item.oid}`;
}
