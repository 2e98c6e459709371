import { createContext, useContext } from 'react';
import type { TreeEntry } from './treeKeyboard';
import type { TreeKey, TreeObject } from './treeObject';

/** A group that renders only the items near the view: what keyboard moves need of all of them. */
export interface VirtualGroup {
  /** Every item of the group, in display order. */
  entries: readonly TreeEntry[];
  /** Scrolls item `index` into the rendered window (it mounts soon after, not at once). */
  reveal(index: number): void;
}

/** What every tree item reads and calls: expansion, selection and the roving tab stop. */
export interface TreeState {
  isExpanded(key: TreeKey): boolean;
  setExpanded(key: TreeKey, open: boolean): void;
  selectedKey: TreeKey | null;
  select(key: TreeKey, object: TreeObject): void;
  /** The one item with tabindex 0. */
  tabStopKey: TreeKey | null;
  setFocusedKey(key: TreeKey): void;
  /** Virtualized groups by their parent's key, registered while they are mounted. */
  virtualGroups: Map<TreeKey, VirtualGroup>;
  /** True once for the item the keyboard moved to before it was rendered: it focuses itself when it mounts. */
  takeFocus(key: TreeKey): boolean;
}

/** Context for the tree's state. */
export const TreeStateContext = createContext<TreeState | null>(null);

/** The state of the enclosing ObjectTree. */
export function useTreeState(): TreeState {
  const state = useContext(TreeStateContext);
  if (state === null) throw new Error('Tree items belong inside an ObjectTree.');
  return state;
}
