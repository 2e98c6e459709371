import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTreeState } from './TreeState';
import { treeKey, type TreeObject } from './treeObject';

interface TreeNodeProps {
  path: readonly string[];
  label: string;
  object: TreeObject;
  level: number;
  setSize: number;
  posInSet: number;
  /** Short kind text shown beside the name, hidden from the accessible name. */
  badge?: string | undefined;
  /** Extra words for screen readers (aria-description). */
  description?: string | undefined;
  icon: string;
  expandable: boolean;
  /** Renders the children; called only while expanded. */
  renderChildren?: (() => ReactNode) | undefined;
  muted?: boolean | undefined;
  /** Rendered by a virtualized group (VirtualTreeItems), which tells the keyboard about all its items. */
  virtual?: boolean | undefined;
}

/** One WAI-ARIA treeitem: the row, and its group of children when expanded. */
export function TreeNode(props: TreeNodeProps) {
  const { path, label, object, level, setSize, posInSet, badge, description, icon, expandable, renderChildren } = props;
  const tree = useTreeState();
  const labelId = useId();
  const key = treeKey(path);
  const expanded = expandable && tree.isExpanded(key);
  const selected = tree.selectedKey === key;
  const ref = useRef<HTMLLIElement>(null);
  // why: the keyboard can move to an item of a virtualized group before it is rendered.
  useEffect(() => {
    if (tree.takeFocus(key)) ref.current?.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      tree.select(key, object);
    }
  };
  const onClick = () => {
    tree.select(key, object);
    if (expandable) tree.setExpanded(key, !expanded);
  };

  return (
    <li
      ref={ref}
      role="treeitem"
      aria-labelledby={labelId}
      aria-description={description}
      aria-level={level}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      aria-selected={selected}
      aria-expanded={expandable ? expanded : undefined}
      tabIndex={tree.tabStopKey === key ? 0 : -1}
      data-key={key}
      data-virtual-item={props.virtual === true ? '' : undefined}
      onKeyDown={onKeyDown}
      className="tree-item"
    >
      <div
        className={`tree-row${selected ? ' is-selected' : ''}${props.muted === true ? ' is-muted' : ''}`}
        style={{ paddingLeft: `${(level - 1) * 14 + 4}px` }}
        onClick={onClick}
      >
        <span className="tree-twisty" aria-hidden="true">
          {expandable ? (expanded ? '▾' : '▸') : ''}
        </span>
        <span className="tree-icon" aria-hidden="true">
          {icon}
        </span>
        <span className="tree-label" id={labelId}>
          {label}
        </span>
        {badge !== undefined && (
          <span className="badge" aria-hidden="true">
            {badge}
          </span>
        )}
      </div>
      {expanded && renderChildren !== undefined && (
        <ul role="group" className="tree-group">
          {renderChildren()}
        </ul>
      )}
    </li>
  );
}
