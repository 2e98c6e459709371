import type { HeldChip, HeldVia } from '../../../shared/privileges/heldVia';
import { cellLetters, type CellFacts } from './cellText';
import { monoFamily, type PaintTheme, type Plan } from './paintOps';

/** One cell as the painter sees it (the same facts and flags MatrixCell draws). */
export interface PaintedCell extends CellFacts {
  open: boolean;
  faint: boolean;
  staged: boolean;
  focused: boolean;
  /** Labels mode: the chips; else the letters are drawn. */
  chips: readonly HeldChip[] | undefined;
}

/** Where one cell sits in the view. */
export interface CellBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

const padX = 6;
const faintAlpha = 0.35;
const cellFont = `11.5px ${monoFamily}`;

/** The cell's background, as .matrix-cell's classes pick it (open over superuser), or null. */
function cellBackground(cell: PaintedCell, theme: PaintTheme): string | null {
  if (cell.open) return theme.selected;
  if (cell.superuser) return theme.warnBg;
  return null;
}

/** The fill and border of a chip by how the privilege is held (styles.css .chip-*). */
function chipStyle(via: HeldVia, theme: PaintTheme): { fill: string | null; stroke: string | null; text: string; dash?: readonly number[] } {
  switch (via) {
    case 'owner':
      return { fill: theme.accent, stroke: theme.accent, text: theme.accentText };
    case 'direct':
      return { fill: theme.infoBg, stroke: theme.accent, text: theme.accent };
    case 'group':
      return { fill: null, stroke: theme.accent, text: theme.accent, dash: [3, 2] };
    case 'predefined':
      return { fill: null, stroke: theme.muted, text: theme.text, dash: [1, 1] };
    case 'public':
      return { fill: theme.badgeBg, stroke: null, text: theme.muted };
    case 'superuser':
      return { fill: theme.warnBg, stroke: theme.warnBorder, text: theme.danger };
  }
}

/** The superuser's ⚠ (the CSS ::before of .is-superuser); returns where the content goes on. */
function paintSuperuserMark(plan: Plan, x: number, mid: number, theme: PaintTheme, alpha: number | undefined): number {
  const font = `11.5px ${theme.sans}`;
  plan.text(x, mid, '⚠', font, theme.danger, alpha);
  return x + theme.measure(font, '⚠') + 3;
}

function paintChips(plan: Plan, cell: PaintedCell, chips: readonly HeldChip[], box: CellBox, theme: PaintTheme, alpha: number | undefined): void {
  let x = box.x + padX;
  if (cell.superuser) x = paintSuperuserMark(plan, x, box.y + (box.h - 1) / 2, theme, alpha);
  const h = 16;
  const y = box.y + Math.round((box.h - 1 - h) / 2);
  for (const chip of chips) {
    if (x >= box.x + box.w) break;
    const style = chipStyle(chip.via, theme);
    const font = `${chip.via === 'predefined' ? 'italic ' : ''}600 9.5px ${theme.sans}`;
    const text = `${chip.label}${chip.grantable ? '*' : ''}`;
    const w = theme.measure(font, text) + 8;
    if (style.fill !== null) plan.push({ op: 'rect', x, y, w, h, fill: style.fill, radius: 3, ...(alpha === undefined ? {} : { alpha }) });
    if (style.stroke !== null) {
      plan.push({ op: 'frame', x: x + 0.5, y: y + 0.5, w: w - 1, h: h - 1, stroke: style.stroke, width: 1, radius: 3, ...(style.dash ? { dash: style.dash } : {}), ...(alpha === undefined ? {} : { alpha }) });
    }
    if (chip.grantable) plan.rect(x + 1, y + h - 3, w - 2, 2, style.text, alpha);
    plan.text(x + 4, y + h / 2, text, font, style.text, alpha);
    x += w + 2;
  }
}

/** The letters, with the superuser's ⚠ before and the owner's ° after (the CSS ::before/::after). */
function paintLetters(plan: Plan, cell: PaintedCell, box: CellBox, theme: PaintTheme, alpha: number | undefined): void {
  const mid = box.y + (box.h - 1) / 2;
  let x = box.x + padX;
  if (cell.superuser) x = paintSuperuserMark(plan, x, mid, theme, alpha);
  const letters = cell.superuser ? 'all' : cellLetters(cell);
  plan.text(x, mid, letters, cellFont, cell.superuser ? theme.warn : theme.text, alpha);
  if (cell.owner && cell.chips === undefined) {
    x += theme.measure(cellFont, letters) + 3;
    plan.text(x, mid, '°', cellFont, theme.muted, alpha);
  }
}

/**
 * One cell's background, content and marks. Its grid lines are drawn once for all cells
 * (paintBody), so a background here is painted before them and the content after.
 */
export function paintCellContent(plan: Plan, cell: PaintedCell, box: CellBox, theme: PaintTheme): void {
  const alpha = cell.faint ? faintAlpha : undefined;
  if (cell.chips !== undefined) {
    plan.clip(box.x, box.y, box.w - 1, box.h - 1);
    paintChips(plan, cell, cell.chips, box, theme, alpha);
    plan.unclip();
  } else {
    paintLetters(plan, cell, box, theme, alpha);
  }
  if (cell.staged) {
    // why: outline 2px at offset -3 (styles.css .is-staged): inset 1 to 3 px from the border box.
    plan.push({ op: 'frame', x: box.x + 1, y: box.y + 1, w: box.w - 2, h: box.h - 2, stroke: theme.focus, width: 2, dash: [6, 3] });
    plan.push({ op: 'rect', x: box.x + box.w - 8, y: box.y + 2, w: 6, h: 6, fill: theme.focus, radius: 3 });
  }
  // why: an inset 2px ring inside the cell's right and bottom borders (the :focus box-shadow).
  if (cell.focused) plan.push({ op: 'frame', x: box.x, y: box.y, w: box.w - 1, h: box.h - 1, stroke: theme.focus, width: 2 });
}

/** The cell's background, if it has one (painted before the grid lines). */
export function paintCellBackground(plan: Plan, cell: PaintedCell, box: CellBox, theme: PaintTheme): void {
  const fill = cellBackground(cell, theme);
  if (fill !== null) plan.rect(box.x, box.y, box.w, box.h, fill, cell.faint ? faintAlpha : undefined);
}
