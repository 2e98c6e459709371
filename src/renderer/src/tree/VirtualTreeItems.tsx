import { useEffect, useMemo, type ReactNode } from 'react';
import { spacedItems, useInnerVirtualizer } from '../layout/useInnerVirtualizer';
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
  const focused = useMemo(() => (tree.tabStopKey === null ? -1 : entries.findIndex((e) => e.key === tree.tabStopKey)), [entries, tree.tabStopKey]);
  const inner = useInnerVirtualizer({ count: entries.length, estimateSize: () => rowHeight, overscan: 20, keep: focused });
  const { virtualizer, markerRef } = inner;

  const groups = tree.virtualGroups;
  useEffect(() => {
    groups.set(parentKey, { entries, reveal: (index) => virtualizer.scrollToIndex(index) });
    return () => {
      groups.delete(parentKey);
    };
  }, [groups, parentKey, entries, virtualizer]);

  // why: the first spacer doubles as the marker the keyboard handler reads the group from.
  const marker = (height: number) => <li key="marker" ref={markerRef} role="none" aria-hidden="true" data-virtual-group={parentKey} style={{ height }} />;
  return <>{spacedItems(inner, marker, (item) => renderItem(item.index))}</>;
}
