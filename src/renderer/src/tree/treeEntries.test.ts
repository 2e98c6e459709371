import { describe, expect, it } from 'vitest';
import { withIndex } from './treeEntries';

describe('withIndex (the focused item stays in a virtualized window)', () => {
  it('adds the focused index in order, before, after or inside a gap of the window', () => {
    expect(withIndex([40, 41, 42], 3)).toEqual([3, 40, 41, 42]);
    expect(withIndex([40, 41, 42], 19_999)).toEqual([40, 41, 42, 19_999]);
    expect(withIndex([1, 2, 9], 5)).toEqual([1, 2, 5, 9]);
  });

  it('leaves the window as it is when the index is in it, or when nothing is focused', () => {
    expect(withIndex([40, 41, 42], 41)).toEqual([40, 41, 42]);
    expect(withIndex([40, 41, 42], -1)).toEqual([40, 41, 42]);
    expect(withIndex([], 7)).toEqual([7]);
  });
});
