import { describe, expect, it } from 'vitest';
import { axisLength, indexAt, offsetShowing, visibleRange, windowBoxes, windowSpan, type Axis } from './gridWindow';

const rows: Axis = { count: 100, size: 24, padStart: 40, overscan: 2 };

/** The boxes MatrixGrid renders for a view: the span's items, boxed. */
function windowOf(axis: Axis, offset: number, viewport: number, keep = -1) {
  const span = windowSpan(axis, offset, viewport, keep);
  return windowBoxes(axis, span.first, span.last, span.keep);
}

describe('gridWindow', () => {
  it('measures the axis and finds the item under a point', () => {
    expect(axisLength(rows)).toBe(40 + 2400);
    expect(indexAt(rows, 39)).toBe(-1);
    expect(indexAt(rows, 40)).toBe(0);
    expect(indexAt(rows, 63.9)).toBe(0);
    expect(indexAt(rows, 64)).toBe(1);
    expect(indexAt(rows, 40 + 2400)).toBe(-1);
  });

  it('shows the items a view touches, an item ending at the offset excluded', () => {
    expect(visibleRange(rows, 0, 100)).toEqual({ first: 0, last: 2 });
    // 64 is where item 1 starts: item 0 ends there and is out.
    expect(visibleRange(rows, 64, 24)).toEqual({ first: 1, last: 1 });
    expect(visibleRange(rows, 2400, 500)).toEqual({ first: 98, last: 99 });
    expect(visibleRange({ ...rows, count: 0 }, 0, 100)).toBeNull();
    expect(visibleRange(rows, 0, 0)).toBeNull();
  });

  it('renders the overscan around the view and keeps the tab stop’s item', () => {
    const w = windowOf(rows, 24 * 10 + 40, 24 * 3);
    expect(w.map((b) => b.index)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(w[0]).toEqual({ index: 8, start: 40 + 8 * 24, size: 24 });
    expect(windowOf(rows, 24 * 10 + 40, 24 * 3, 50).map((b) => b.index)).toEqual([8, 9, 10, 11, 12, 13, 14, 50]);
    expect(windowOf(rows, 24 * 10 + 40, 24 * 3, 3).map((b) => b.index)).toEqual([3, 8, 9, 10, 11, 12, 13, 14]);
    // A kept item inside the window is not doubled; one past the end is ignored.
    expect(windowOf(rows, 24 * 10 + 40, 24 * 3, 10).map((b) => b.index)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(windowOf(rows, 0, 100, 100).map((b) => b.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('scrolls the least that shows an item whole below the sticky header', () => {
    // Item 20 starts at 520; a 240 px view with a 40 px header at offset 0 ends at 240.
    expect(offsetShowing(rows, 20, 0, 240, 40)).toBe(520 + 24 - 240);
    // Already whole under the header: no move.
    expect(offsetShowing(rows, 20, 400, 240, 40)).toBe(400);
    // Above the view (behind the header): its top goes just under the header.
    expect(offsetShowing(rows, 20, 600, 240, 40)).toBe(520 - 40);
    expect(offsetShowing(rows, 0, 600, 240, 40)).toBe(0);
  });
});

describe('windowSpan', () => {
  it('names a kept item only when it is outside the span', () => {
    expect(windowSpan(rows, 24 * 10 + 40, 24 * 3, 50)).toEqual({ first: 8, last: 14, keep: 50 });
    expect(windowSpan(rows, 24 * 10 + 40, 24 * 3, 10)).toEqual({ first: 8, last: 14, keep: -1 });
    expect(windowSpan(rows, 0, 0, 3)).toEqual({ first: 0, last: -1, keep: 3 });
    expect(windowBoxes(rows, 0, -1, 3)).toEqual([{ index: 3, start: 40 + 3 * 24, size: 24 }]);
  });
});
