import type { HeldChip } from '../../../shared/privileges/heldVia';
import type { FindingMarks } from '../findings/findingMarks';
import { cellShown, pairOf } from './cellLookup';
import type { GridPos } from './gridNavigation';
import { axisLength, itemStart, visibleRange, type Axis } from './gridWindow';
import type { AxisItem, RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';
import { paintCellBackground, paintCellContent, type CellBox, type PaintedCell } from './paintCells';
import { paintColHead, paintCorner, paintRowHead } from './paintHeads';
import { Plan, type PaintOp, type PaintTheme } from './paintOps';
import type { StagedCells } from './stagedLookup';

/** Everything the grid shows, as the painter needs it (the grid's props and state). */
export interface PaintModel {
  rows: readonly AxisItem[];
  cols: readonly AxisItem[];
  data: MatrixData;
  privilege: number;
  corner: string;
  staged: StagedCells;
  /** The explained cell's row and column, or -1. */
  openRow: number;
  openCol: number;
  /** The tab stop when the grid has the focus (its ring is drawn), else null. */
  focused: GridPos | null;
  /** Labels mode: a cell's chips; undefined in the letters mode. */
  chipsOf: ((role: RoleItem, rel: RelationItem) => readonly HeldChip[]) | undefined;
  rowAxis: Axis;
  colAxis: Axis;
  /** The open findings' flags on the heads (null while they load). */
  marks: FindingMarks | null;
}

/** The scroll position and the size of the view (client area, without scroll bars). */
export interface PaintView {
  top: number;
  left: number;
  width: number;
  height: number;
}

function paintedCell(model: PaintModel, r: number, c: number): PaintedCell | null {
  const row = model.rows[r];
  const col = model.cols[c];
  const pair = row === undefined || col === undefined ? null : pairOf(row, col);
  if (pair === null) return null;
  return {
    ...cellShown(model.data, pair.role, pair.rel, model.privilege, model.staged),
    open: r === model.openRow && c === model.openCol,
    focused: model.focused !== null && model.focused.row === r && model.focused.col === c,
    chips: model.chipsOf?.(pair.role, pair.rel),
  };
}

/**
 * The plan that paints the grid as the DOM would show it at `view`: the cells in sight
 * (backgrounds, then the grid lines, then letters or chips and marks), the sticky row
 * headers over them, the sticky header row over those, the corner on top.
 */
export function paintPlan(model: PaintModel, view: PaintView, theme: PaintTheme): PaintOp[] {
  const plan = new Plan();
  const { rowAxis, colAxis } = model;
  const headerH = rowAxis.padStart;
  const headW = colAxis.padStart;
  plan.rect(0, 0, view.width, view.height, theme.panel);
  const rowsSeen = visibleRange(rowAxis, view.top + headerH, view.height - headerH);
  const colsSeen = visibleRange(colAxis, view.left + headW, view.width - headW);
  const yOf = (r: number) => itemStart(rowAxis, r) - view.top;
  const xOf = (c: number) => itemStart(colAxis, c) - view.left;

  if (rowsSeen !== null && colsSeen !== null) {
    const cells: { cell: PaintedCell; box: CellBox }[] = [];
    for (let r = rowsSeen.first; r <= rowsSeen.last; r++) {
      for (let c = colsSeen.first; c <= colsSeen.last; c++) {
        const cell = paintedCell(model, r, c);
        if (cell === null) continue;
        const box = { x: xOf(c), y: yOf(r), w: colAxis.size, h: rowAxis.size };
        paintCellBackground(plan, cell, box, theme);
        cells.push({ cell, box });
      }
    }
    const right = Math.min(view.width, xOf(colsSeen.last) + colAxis.size);
    const bottom = Math.min(view.height, yOf(rowsSeen.last) + rowAxis.size);
    for (let c = colsSeen.first; c <= colsSeen.last; c++) plan.rect(xOf(c) + colAxis.size - 1, headerH, 1, bottom - headerH, theme.hover);
    for (let r = rowsSeen.first; r <= rowsSeen.last; r++) plan.rect(headW, yOf(r) + rowAxis.size - 1, right - headW, 1, theme.hover);
    for (const { cell, box } of cells) paintCellContent(plan, cell, box, theme);
  }
  if (rowsSeen !== null) {
    for (let r = rowsSeen.first; r <= rowsSeen.last; r++) {
      const item = model.rows[r];
      if (item !== undefined) paintRowHead(plan, item, { x: 0, y: yOf(r), w: headW, h: rowAxis.size }, theme, model.marks);
    }
  }
  const bandRight = Math.min(view.width, axisLength(colAxis) - view.left);
  plan.rect(0, 0, bandRight, headerH, theme.panelHead);
  plan.rect(0, headerH - 1, bandRight, 1, theme.border);
  if (colsSeen !== null) {
    for (let c = colsSeen.first; c <= colsSeen.last; c++) {
      const item = model.cols[c];
      if (item !== undefined) paintColHead(plan, item, { x: xOf(c), y: 0, w: colAxis.size, h: headerH - 1 }, theme, model.marks);
    }
  }
  paintCorner(plan, model.corner, { x: 0, y: 0, w: headW, h: headerH }, theme);
  return plan.ops;
}
