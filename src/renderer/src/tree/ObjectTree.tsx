import { useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ConnectionInfo } from '../../../shared/api/contract';
import { DatabaseNodes } from './DatabaseNodes';
import { TreeNode } from './TreeNode';
import { TreeStateContext, type TreeState, type VirtualGroup } from './TreeState';
import { visibleEntries } from './treeEntries';
import { treeMove } from './treeKeyboard';
import { isBelow, treeKey, type TreeKey, type TreeObject } from './treeObject';

interface ObjectTreeProps {
  connections: readonly ConnectionInfo[];
  /** The current server: opened when the tree appears and whenever another server becomes current. */
  currentId: string | null;
  selectedKey: TreeKey | null;
  onSelect: (key: TreeKey, object: TreeObject) => void;
}

/** The server → database → schema → relation tree, each level read when it is opened. */
export function ObjectTree({ connections, currentId, selectedKey, onSelect }: ObjectTreeProps) {
  const [expanded, setExpandedKeys] = useState<ReadonlySet<TreeKey>>(() => new Set(currentId === null ? [] : [treeKey([currentId])]));
  // why: the demo server becomes current when it is ready, after the tree first showed; open
  // it then without remounting the tree, which would close what the user had opened.
  const [openedCurrent, setOpenedCurrent] = useState(currentId);
  if (currentId !== openedCurrent) {
    setOpenedCurrent(currentId);
    if (currentId !== null) setExpandedKeys((prev) => new Set(prev).add(treeKey([currentId])));
  }
  const [focusedKey, setFocusedKey] = useState<TreeKey | null>(null);
  // why: refs, not state: groups register on mount, and a pending focus is taken once.
  const virtualGroups = useRef(new Map<TreeKey, VirtualGroup>()).current;
  const pendingFocus = useRef<TreeKey | null>(null);

  const rootKeys = useMemo(() => connections.map((c) => treeKey([c.id])), [connections]);
  // why: the roving tab stop must always sit on a rendered item, or Tab skips the tree.
  const tabStopKey =
    focusedKey !== null && rootKeys.some((root) => root === focusedKey || isBelow(focusedKey, root))
      ? focusedKey
      : (rootKeys[0] ?? null);

  const state = useMemo<TreeState>(
    () => ({
      isExpanded: (key) => expanded.has(key),
      setExpanded: (key, open) => {
        setExpandedKeys((prev) => {
          const next = new Set(prev);
          if (open) next.add(key);
          else next.delete(key);
          return next;
        });
        if (!open) setFocusedKey((f) => (f !== null && isBelow(f, key) ? key : f));
      },
      selectedKey,
      select: onSelect,
      tabStopKey,
      setFocusedKey,
      virtualGroups,
      takeFocus: (key) => {
        if (pendingFocus.current !== key) return false;
        pendingFocus.current = null;
        return true;
      },
    }),
    [expanded, selectedKey, onSelect, tabStopKey, virtualGroups],
  );

  /** Focuses the item `key`; one of a virtualized group that is not rendered focuses itself once it is. */
  const focusItem = (tree: HTMLElement, key: TreeKey) => {
    setFocusedKey(key);
    const element = Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]')).find((el) => el.dataset['key'] === key);
    if (element !== undefined) {
      element.focus();
      return;
    }
    pendingFocus.current = key;
    for (const group of virtualGroups.values()) {
      const index = group.entries.findIndex((e) => e.key === key);
      if (index >= 0) group.reveal(index);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (current === null) return;
    const entries = visibleEntries(event.currentTarget, virtualGroups);
    const move = treeMove(event.key, entries.findIndex((e) => e.key === current.dataset['key']), entries);
    const target = move === null ? undefined : entries[move.index];
    if (move === null || target === undefined) return;
    event.preventDefault();
    if (move.kind === 'expand') state.setExpanded(target.key, move.open);
    else focusItem(event.currentTarget, target.key);
  };
  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const key = item?.dataset['key'];
    if (key !== undefined) setFocusedKey(key);
  };

  return (
    <TreeStateContext.Provider value={state}>
      <ul role="tree" aria-label="Database objects" className="tree" onKeyDown={onKeyDown} onFocus={onFocus}>
        {connections.map((connection, index) => (
          <TreeNode
            key={connection.id}
            path={[connection.id]}
            label={connection.name}
            object={{ type: 'server', connection }}
            level={1}
            setSize={connections.length}
            posInSet={index + 1}
            icon="▣"
            badge={connection.kind === 'demo' ? 'demo' : undefined}
            description={`server ${connection.host}:${connection.port}`}
            expandable
            renderChildren={() => <DatabaseNodes connectionId={connection.id} level={2} />}
          />
        ))}
      </ul>
    </TreeStateContext.Provider>
  );
}
