import { useMemo, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ConnectionInfo } from '../../../shared/api/contract';
import { DatabaseNodes } from './DatabaseNodes';
import { TreeNode } from './TreeNode';
import { TreeStateContext, type TreeState } from './TreeState';
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
    }),
    [expanded, selectedKey, onSelect, tabStopKey],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (current === null) return;
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'));
    const move = treeMove(event.key, current, items);
    if (move === null) return;
    event.preventDefault();
    const key = move.element.dataset['key'];
    if (key === undefined) return;
    if (move.kind === 'expand') state.setExpanded(key, move.open);
    else {
      setFocusedKey(key);
      move.element.focus();
    }
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
