import { describe, expect, it } from 'vitest';
import { keepRendered } from './keepRendered';

const range = (startIndex: number, endIndex: number, count = 20_000) => ({ startIndex, endIndex, overscan: 2, count });

describe('keepRendered (the focused item stays in a virtualized window)', () => {
  it('adds the kept index in order, before or after the window', () => {
    expect(keepRendered(range(40, 42), 3)).toEqual([3, 38, 39, 40, 41, 42, 43, 44]);
    expect(keepRendered(range(40, 42), 19_999)).toEqual([38, 39, 40, 41, 42, 43, 44, 19_999]);
  });

  it('adds nothing when the index is in the window, is -1, or is past the end', () => {
    expect(keepRendered(range(40, 42), 41)).toEqual([38, 39, 40, 41, 42, 43, 44]);
    expect(keepRendered(range(40, 42), -1)).toEqual([38, 39, 40, 41, 42, 43, 44]);
    expect(keepRendered(range(0, 2, 3), 7)).toEqual([0, 1, 2]);
  });
});
