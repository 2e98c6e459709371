/** One visible tree item, rendered or not (a virtualized group lists all of its items). */
export interface TreeEntry {
  key: string;
  /** aria-level. */
  level: number;
  /** aria-expanded: null for a leaf. */
  expanded: boolean | null;
  /** The item's name, for type-ahead. */
  label: string;
}

/** Keyboard moves of the WAI-ARIA tree pattern, as the index of the entry they act on. */
export type TreeMove = { kind: 'focus'; index: number } | { kind: 'expand'; index: number; open: boolean } | null;

/**
 * What `key` does on the entry at `index` among the visible `entries`, in display order
 * (collapsed groups have no entries; a virtualized group has all of its items).
 */
export function treeMove(key: string, index: number, entries: readonly TreeEntry[]): TreeMove {
  const current = entries[index];
  if (current === undefined) return null;
  const at = (i: number): TreeMove => (i >= 0 && i < entries.length ? { kind: 'focus', index: i } : null);
  switch (key) {
    case 'ArrowDown':
      return at(index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(entries.length - 1);
    case 'ArrowRight': {
      if (current.expanded === false) return { kind: 'expand', index, open: true };
      const next = entries[index + 1];
      if (current.expanded === true && next !== undefined && next.level > current.level) return at(index + 1);
      return null;
    }
    case 'ArrowLeft': {
      if (current.expanded === true) return { kind: 'expand', index, open: false };
      for (let i = index - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry !== undefined && entry.level < current.level) return at(i);
      }
      return null;
    }
    default:
      return typeAhead(key, index, entries);
  }
}

/** Typing a character moves to the next item whose name starts with it. */
function typeAhead(key: string, index: number, entries: readonly TreeEntry[]): TreeMove {
  if (key.length !== 1 || key === ' ') return null;
  const wanted = key.toLocaleLowerCase();
  for (let step = 1; step <= entries.length; step++) {
    const i = (index + step) % entries.length;
    if (entries[i]?.label.toLocaleLowerCase().startsWith(wanted)) return { kind: 'focus', index: i };
  }
  return null;
}
