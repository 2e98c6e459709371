import { describe, expect, it } from 'vitest';
import { treeMove, type TreeEntry } from './treeKeyboard';

// A server with one database whose schema `big` is open with 3 tables, and a closed schema.
const entries: TreeEntry[] = [
  { key: 'srv', level: 1, expanded: true, label: 'Demo server' },
  { key: 'db', level: 2, expanded: true, label: 'datatweets' },
  { key: 'big', level: 3, expanded: true, label: 'big' },
  { key: 't1', level: 4, expanded: null, label: 'orders' },
  { key: 't2', level: 4, expanded: null, label: 'users' },
  { key: 't3', level: 4, expanded: null, label: 'Sales' },
  { key: 'small', level: 3, expanded: false, label: 'small' },
];
const focus = (index: number) => ({ kind: 'focus', index });

describe('treeMove (WAI-ARIA tree keys over the visible items)', () => {
  it('moves up and down, to the first and the last item', () => {
    expect(treeMove('ArrowDown', 2, entries)).toEqual(focus(3));
    expect(treeMove('ArrowUp', 3, entries)).toEqual(focus(2));
    expect(treeMove('ArrowUp', 0, entries)).toBeNull();
    expect(treeMove('ArrowDown', 6, entries)).toBeNull();
    expect(treeMove('Home', 4, entries)).toEqual(focus(0));
    expect(treeMove('End', 1, entries)).toEqual(focus(6));
  });

  it('opens a closed item, enters an open one, and does nothing on a leaf', () => {
    expect(treeMove('ArrowRight', 6, entries)).toEqual({ kind: 'expand', index: 6, open: true });
    expect(treeMove('ArrowRight', 2, entries)).toEqual(focus(3));
    expect(treeMove('ArrowRight', 4, entries)).toBeNull();
  });

  it('closes an open item, and goes from a leaf to its parent', () => {
    expect(treeMove('ArrowLeft', 2, entries)).toEqual({ kind: 'expand', index: 2, open: false });
    expect(treeMove('ArrowLeft', 5, entries)).toEqual(focus(2));
    expect(treeMove('ArrowLeft', 6, entries)).toEqual(focus(1));
    expect(treeMove('ArrowLeft', 0, entries)).toEqual({ kind: 'expand', index: 0, open: false });
  });

  it('types ahead to the next name with that letter, wrapping, case-blind', () => {
    expect(treeMove('s', 3, entries)).toEqual(focus(5));
    expect(treeMove('S', 5, entries)).toEqual(focus(6));
    expect(treeMove('d', 6, entries)).toEqual(focus(0));
    expect(treeMove('z', 0, entries)).toBeNull();
    expect(treeMove(' ', 0, entries)).toBeNull();
    expect(treeMove('Tab', 0, entries)).toBeNull();
  });

  it('reaches the last of 20,000 items with End, which need not be rendered', () => {
    const many: TreeEntry[] = [entries[2] as TreeEntry, ...Array.from({ length: 20_000 }, (_, i) => ({ key: `t${i}`, level: 4, expanded: null, label: `t_${i}` }))];
    expect(treeMove('End', 0, many)).toEqual(focus(20_000));
    expect(treeMove('ArrowLeft', 20_000, many)).toEqual(focus(0));
  });

  it('ignores an index outside the entries', () => {
    expect(treeMove('ArrowDown', -1, entries)).toBeNull();
    expect(treeMove('ArrowDown', 99, entries)).toBeNull();
  });
});
