import { memo } from 'react';
import { AxisLabel } from './AxisLabel';
import { cellShown, itemKey, pairOf } from './cellLookup';
import { MatrixCell } from './MatrixCell';
import type { HeldChip } from '../../../shared/privileges/heldVia';
import type { AxisItemBox } from './gridWindow';
import type { AxisItem, RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';
import type { StagedCells } from './stagedLookup';

/** Props of one body row. */
export interface MatrixRowProps {
  item: AxisItem;
  /** Data row index (0-based). */
  row: number;
  top: number;
  height: number;
  width: number;
  headWidth: number;
  cols: readonly AxisItem[];
  virtualCols: readonly AxisItemBox[];
  data: MatrixData;
  /** The privilege filter (0 = any): cells without it are drawn faint. */
  privilege: number;
  /** Column of the tab stop in this row, or -1. */
  tabStopCol: number;
  /** Column of the explained cell in this row, or -1. */
  openCol: number;
  /** (role, relation) keys of the cells staged changes touch. */
  staged: StagedCells;
  /** In the labels mode: a cell's chips. */
  chipsOf?: ((role: RoleItem, rel: RelationItem) => readonly HeldChip[]) | undefined;
}

/**
 * One grid row: a sticky row header, then the cells of the visible columns. why memo: a
 * vertical scroll step keeps most rows and the column window as they were; only the rows
 * that came into view render.
 */
export const MatrixRow = memo(function MatrixRow(p: MatrixRowProps) {
  const superuser = p.item.type === 'role' && p.item.superuser;
  return (
    <div
      role="row"
      aria-rowindex={p.row + 2}
      className={`matrix-row${superuser ? ' is-superuser' : ''}`}
      style={{ top: p.top, height: p.height, width: p.width }}
    >
      <div role="rowheader" aria-colindex={1} className="matrix-rowhead" style={{ width: p.headWidth }}>
        <AxisLabel item={p.item} stacked={false} />
      </div>
      {p.virtualCols.map((vc) => {
        const col = p.cols[vc.index];
        const pair = col === undefined ? null : pairOf(p.item, col);
        if (col === undefined || pair === null) return null;
        const cell = cellShown(p.data, pair.role, pair.rel, p.privilege, p.staged);
        return (
          <MatrixCell
            key={itemKey(col)}
            roleName={pair.role.name}
            relationLabel={pair.rel.label}
            {...cell}
            colIndex={vc.index + 2}
            pos={`${p.row}:${vc.index}`}
            left={vc.start}
            width={vc.size}
            tabStop={p.tabStopCol === vc.index}
            open={p.openCol === vc.index}
            chips={p.chipsOf?.(pair.role, pair.rel)}
          />
        );
      })}
    </div>
  );
});
