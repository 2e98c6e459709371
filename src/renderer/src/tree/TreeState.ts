import { createContext, useContext } from 'react';
import type { TreeKey, TreeObject } from './treeObject';

/** What every tree item reads and calls: expansion, selection and the roving tab stop. */
export interface TreeState {
  isExpanded(key: TreeKey): boolean;
  setExpanded(key: TreeKey, open: boolean): void;
  selectedKey: TreeKey | null;
  select(key: TreeKey, object: TreeObject): void;
  /** The one item with tabindex 0. */
  tabStopKey: TreeKey | null;
  setFocusedKey(key: TreeKey): void;
}

/** Context for the tree's state. */
export const TreeStateContext = createContext<TreeState | null>(null);

/** The state of the enclosing ObjectTree. */
export function useTreeState(): TreeState {
  const state = useContext(TreeStateContext);
  if (state === null) throw new Error('Tree items belong inside an ObjectTree.');
  return state;
}
