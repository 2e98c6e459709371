import type { TreeEntry } from './treeKeyboard';
import type { VirtualGroup } from './TreeState';
import type { TreeKey } from './treeObject';

/**
 * Every visible item of the tree in display order: the rendered treeitems, with each
 * virtualized group's marker replaced by all of its items (rendered or not).
 */
export function visibleEntries(tree: HTMLElement, groups: ReadonlyMap<TreeKey, VirtualGroup>): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const el of tree.querySelectorAll<HTMLElement>('[role="treeitem"], [data-virtual-group]')) {
    const group = el.dataset['virtualGroup'];
    if (group !== undefined) {
      for (const entry of groups.get(group)?.entries ?? []) out.push(entry);
      continue;
    }
    if (el.dataset['virtualItem'] !== undefined) continue;
    const expanded = el.getAttribute('aria-expanded');
    out.push({
      key: el.dataset['key'] ?? '',
      level: Number(el.getAttribute('aria-level') ?? '1'),
      expanded: expanded === null ? null : expanded === 'true',
      label: el.querySelector(':scope > .tree-row .tree-label')?.textContent ?? '',
    });
  }
  return out;
}

