import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { keepRendered } from '../layout/keepRendered';
import { scrollParent } from './treeEntries';
import type { TreeEntry } from './treeKeyboard';
import { useTreeState } from './TreeState';
import type { TreeKey } from './treeObject';

/** A leaf item's height (.tree-row). */
const rowHeight = 22;

/** Groups with more items than this render only the items near the view. */
export const virtualizeFrom = 200;

interface VirtualTreeItemsProps {
  /** The key of the item whose group this is. */
  parentKey: TreeKey;
  /** Every item, in display order (leaves of one level). */
  entries: readonly TreeEntry[];
  /** Renders item `index` as a TreeNode with `virtual`. */
  renderItem: (index: number) => ReactNode;
}

/**
 * The items of one long group (a schema's 20,000 tables) inside the tree's own scrolling
 * panel: only those near the view are in the DOM, each still a treeitem with its
 * aria-posinset and aria-setsize, between spacers that keep the panel's scroll height.
 * The focused item always stays rendered (it holds the tab stop), and the group tells the
 * tree's keyboard handler about every item, so End or ArrowDown reach unrendered ones.
 */
export function VirtualTreeItems({ parentKey, entries, renderItem }: VirtualTreeItemsProps) {
  const tree = useTreeState();
  const markerRef = useRef<HTMLLIElement>(null);
  // why: the group starts partway down the panel, below whatever is open above it.
  const [margin, setMargin] = useState(0);
  const focused = useMemo(() => (tree.tabStopKey === null ? -1 : entries.findIndex((e) => e.key === tree.tabStopKey)), [entries, tree.tabStopKey]);
  const rangeExtractor = useCallback((range: Range) => keepRendered(range, focused), [focused]);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollParent(markerRef.current),
    estimateSize: () => rowHeight,
    overscan: 20,
    scrollMargin: margin,
    rangeExtractor,
  });

  const measure = useCallback(() => {
    const marker = markerRef.current;
    const panel = scrollParent(marker);
    if (marker === null || panel === null) return;
    const top = marker.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    setMargin((m) => (Math.abs(m - top) < 0.5 ? m : top));
  }, []);
  // why: items opening or closing above move the group without scrolling the panel.
  useLayoutEffect(measure);
  useEffect(() => {
    const root = markerRef.current?.closest('[role="tree"]');
    if (root === null || root === undefined) return;
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [measure]);

  const groups = tree.virtualGroups;
  useEffect(() => {
    groups.set(parentKey, { entries, reveal: (index) => virtualizer.scrollToIndex(index) });
    return () => {
      groups.delete(parentKey);
    };
  }, [groups, parentKey, entries, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const rows: ReactNode[] = [];
  let cursor = 0;
  for (const item of items) {
    const start = item.start - margin;
    // why: the first spacer doubles as the marker the keyboard handler reads the group from.
    if (rows.length === 0) rows.push(<li key="marker" ref={markerRef} role="none" aria-hidden="true" data-virtual-group={parentKey} style={{ height: start }} />);
    else if (start > cursor) rows.push(<li key={`gap-${item.index}`} role="none" aria-hidden="true" style={{ height: start - cursor }} />);
    rows.push(renderItem(item.index));
    cursor = start + item.size;
  }
  if (rows.length === 0) rows.push(<li key="marker" ref={markerRef} role="none" aria-hidden="true" data-virtual-group={parentKey} style={{ height: 0 }} />);
  const total = virtualizer.getTotalSize();
  if (total > cursor) rows.push(<li key="tail" role="none" aria-hidden="true" style={{ height: total - cursor }} />);
  return <>{rows}</>;
}
