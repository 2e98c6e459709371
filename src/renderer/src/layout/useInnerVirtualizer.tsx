import { useCallback, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useVirtualizer, type Range, type Virtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { keepRendered } from './keepRendered';

/** The nearest ancestor that scrolls vertically (the panel), or null. */
export function scrollParent(el: HTMLElement | null): HTMLElement | null {
  for (let p = el?.parentElement ?? null; p !== null; p = p.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(p).overflowY)) return p;
  }
  return null;
}

interface InnerVirtualizerOptions {
  count: number;
  estimateSize: (index: number) => number;
  overscan: number;
  /** An index to keep rendered wherever the view is (the focused item), -1 for none. */
  keep?: number;
  getItemKey?: (index: number) => string | number;
}

/** A virtualizer for a list that scrolls with its panel, partway down it (below a header, other items). */
export interface InnerVirtualizer {
  virtualizer: Virtualizer<HTMLElement, Element>;
  /** Goes on the list's first element (see spacedItems), whose position is the list's start. */
  markerRef: RefObject<HTMLLIElement | null>;
  /** The list's start in the panel's scroll coordinates. */
  margin: number;
}

/**
 * TanStack Virtual for a long list inside a scrolling panel rather than a scroller of its
 * own (a tree group, the roles list): the panel scrolls, and the list starts wherever the
 * content above it ends, measured again whenever anything in the panel changes size.
 */
export function useInnerVirtualizer({ count, estimateSize, overscan, keep = -1, getItemKey }: InnerVirtualizerOptions): InnerVirtualizer {
  const markerRef = useRef<HTMLLIElement>(null);
  // why: found once; getComputedStyle up the ancestors on every scroll frame cost ~4 ms each.
  const panelRef = useRef<HTMLElement | null>(null);
  const panel = () => (panelRef.current ??= scrollParent(markerRef.current));
  const [margin, setMargin] = useState(0);
  const rangeExtractor = useCallback((range: Range) => keepRendered(range, keep), [keep]);
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count,
    getScrollElement: panel,
    estimateSize,
    overscan,
    scrollMargin: margin,
    rangeExtractor,
    ...(getItemKey === undefined ? {} : { getItemKey }),
  });

  const measure = useCallback(() => {
    const marker = markerRef.current;
    const scroller = panelRef.current;
    if (marker === null || scroller === null) return;
    const top = marker.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    setMargin((m) => (Math.abs(m - top) < 0.5 ? m : top));
  }, []);
  // why: measured when the list appears, then whenever anything in the panel changes size
  // (items opening or closing above move the list without scrolling the panel); not on every
  // render, which forced a layout in every scroll frame.
  useLayoutEffect(() => {
    panelRef.current ??= scrollParent(markerRef.current);
    const scroller = panelRef.current;
    if (scroller === null) return;
    measure();
    const observer = new ResizeObserver(measure);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [measure]);
  return { virtualizer, markerRef, margin };
}

/**
 * The rendered items in document flow with spacers (`li role="none"`) where the unrendered
 * ones would be, so the panel keeps its full scroll height. `marker` renders the first
 * spacer, which carries markerRef and may be 0 high.
 */
export function spacedItems(
  { virtualizer, margin }: InnerVirtualizer,
  marker: (height: number) => ReactNode,
  render: (item: VirtualItem) => ReactNode,
): ReactNode[] {
  const rows: ReactNode[] = [];
  let cursor = 0;
  for (const item of virtualizer.getVirtualItems()) {
    const start = item.start - margin;
    if (rows.length === 0) rows.push(marker(Math.max(0, start)));
    else if (start > cursor) rows.push(<li key={`gap-${item.index}`} role="none" aria-hidden="true" style={{ height: start - cursor }} />);
    rows.push(render(item));
    cursor = Math.max(cursor, start + item.size);
  }
  if (rows.length === 0) rows.push(marker(0));
  const total = virtualizer.getTotalSize();
  if (total > cursor) rows.push(<li key="tail" role="none" aria-hidden="true" style={{ height: total - cursor }} />);
  return rows;
}
