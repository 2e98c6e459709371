/**
 * The grid's windows, by arithmetic: every row has one height and every column one width,
 * so which items a scroll offset shows, where an item sits and which item a point hits are
 * a division each (what a general virtualizer measures, the grid knows).
 */

/** One axis of the grid, in CSS pixels. */
export interface Axis {
  count: number;
  /** Every item's size. */
  size: number;
  /** Space before the first item: the sticky header row or row-header column. */
  padStart: number;
  /** Items rendered beyond each edge of the view. */
  overscan: number;
}

/** One item in a window: its index and its box along the axis (content coordinates). */
export interface AxisItemBox {
  index: number;
  start: number;
  size: number;
}

/** The axis's whole length: padding and every item. */
export function axisLength(axis: Axis): number {
  return axis.padStart + axis.count * axis.size;
}

/** Where item `index` starts (content coordinates). */
export function itemStart(axis: Axis, index: number): number {
  return axis.padStart + index * axis.size;
}

/** The item under content coordinate `at`, or -1 in the padding or past the end. */
export function indexAt(axis: Axis, at: number): number {
  if (at < axis.padStart) return -1;
  const index = Math.floor((at - axis.padStart) / axis.size);
  return index < axis.count ? index : -1;
}

/**
 * The first and last index a view of `viewport` pixels at `offset` touches (an item ending
 * exactly at the offset is out), or null when it touches none.
 */
export function visibleRange(axis: Axis, offset: number, viewport: number): { first: number; last: number } | null {
  if (axis.count === 0 || viewport <= 0) return null;
  const first = Math.max(0, Math.floor((offset - axis.padStart) / axis.size));
  const last = Math.min(axis.count - 1, Math.ceil((offset + viewport - axis.padStart) / axis.size) - 1);
  return first > last ? null : { first, last };
}

/** Which items a window holds: `first`..`last` (none when last < first), and `keep` if outside them (else -1). */
export interface WindowSpan {
  first: number;
  last: number;
  keep: number;
}

/**
 * The span to render for a view at `offset`: the visible items and `overscan` more on each
 * side, plus `keep` (the tab stop's item, which must stay in the DOM) when it is outside.
 */
export function windowSpan(axis: Axis, offset: number, viewport: number, keep = -1): WindowSpan {
  const range = visibleRange(axis, offset, viewport);
  const first = range === null ? 0 : Math.max(0, range.first - axis.overscan);
  const last = range === null ? -1 : Math.min(axis.count - 1, range.last + axis.overscan);
  const outside = keep >= 0 && keep < axis.count && (keep < first || keep > last);
  return { first, last, keep: outside ? keep : -1 };
}

/** The boxes of a span's items, in index order. */
export function windowBoxes(axis: Axis, first: number, last: number, keep: number): AxisItemBox[] {
  const out: AxisItemBox[] = [];
  const box = (index: number) => ({ index, start: itemStart(axis, index), size: axis.size });
  if (keep >= 0 && keep < first) out.push(box(keep));
  for (let i = first; i <= last; i++) out.push(box(i));
  if (keep >= 0 && keep > last) out.push(box(keep));
  return out;
}

/**
 * The scroll offset that shows item `index` whole with the least movement, given that the
 * first `hidden` pixels of the view are covered (the sticky header); `offset` if it shows.
 */
export function offsetShowing(axis: Axis, index: number, offset: number, viewport: number, hidden: number): number {
  const start = itemStart(axis, index);
  const end = start + axis.size;
  if (start < offset + hidden) return Math.max(0, start - hidden);
  if (end > offset + viewport) return Math.max(0, end - viewport);
  return offset;
}
