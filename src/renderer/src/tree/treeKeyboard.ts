/** Keyboard moves of the WAI-ARIA tree pattern, worked out on the rendered treeitems. */
export type TreeMove =
  | { kind: 'focus'; element: HTMLElement }
  | { kind: 'expand'; element: HTMLElement; open: boolean }
  | null;

const levelOf = (el: HTMLElement): number => Number(el.getAttribute('aria-level') ?? '1');

/**
 * What `key` does on `current` among the visible `items` (in document order; collapsed
 * groups are not rendered, so every treeitem in the DOM is visible).
 */
export function treeMove(key: string, current: HTMLElement, items: readonly HTMLElement[]): TreeMove {
  const index = items.indexOf(current);
  if (index < 0) return null;
  const at = (i: number): TreeMove => {
    const element = items[i];
    return element === undefined ? null : { kind: 'focus', element };
  };
  const expanded = current.getAttribute('aria-expanded');
  switch (key) {
    case 'ArrowDown':
      return at(index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(items.length - 1);
    case 'ArrowRight': {
      if (expanded === 'false') return { kind: 'expand', element: current, open: true };
      const next = items[index + 1];
      if (expanded === 'true' && next !== undefined && levelOf(next) > levelOf(current)) return at(index + 1);
      return null;
    }
    case 'ArrowLeft': {
      if (expanded === 'true') return { kind: 'expand', element: current, open: false };
      const level = levelOf(current);
      for (let i = index - 1; i >= 0; i--) {
        const item = items[i];
        if (item !== undefined && levelOf(item) < level) return at(i);
      }
      return null;
    }
    default:
      return typeAhead(key, index, items);
  }
}

/** Typing a character moves to the next item whose name starts with it. */
function typeAhead(key: string, index: number, items: readonly HTMLElement[]): TreeMove {
  if (key.length !== 1 || key === ' ') return null;
  const wanted = key.toLocaleLowerCase();
  for (let step = 1; step <= items.length; step++) {
    const item = items[(index + step) % items.length];
    const name = item?.querySelector('.tree-label')?.textContent ?? '';
    if (item !== undefined && name.toLocaleLowerCase().startsWith(wanted)) return { kind: 'focus', element: item };
  }
  return null;
}
