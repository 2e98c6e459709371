import { describe, expect, it } from 'vitest';
import { clampPos, nextPos } from './gridNavigation';

describe('nextPos (WAI-ARIA grid keys)', () => {
  const at = { row: 5, col: 3 };
  it('moves one cell with arrows and stops at the edges', () => {
    expect(nextPos('ArrowUp', false, at, 10, 8, 4)).toEqual({ row: 4, col: 3 });
    expect(nextPos('ArrowRight', false, at, 10, 8, 4)).toEqual({ row: 5, col: 4 });
    expect(nextPos('ArrowLeft', false, { row: 0, col: 0 }, 10, 8, 4)).toEqual({ row: 0, col: 0 });
    expect(nextPos('ArrowDown', false, { row: 9, col: 0 }, 10, 8, 4)).toEqual({ row: 9, col: 0 });
  });
  it('jumps with Home/End (row) and Ctrl+Home/End (grid), pages by pageRows', () => {
    expect(nextPos('Home', false, at, 10, 8, 4)).toEqual({ row: 5, col: 0 });
    expect(nextPos('End', true, at, 10, 8, 4)).toEqual({ row: 9, col: 7 });
    expect(nextPos('PageDown', false, at, 10, 8, 4)).toEqual({ row: 9, col: 3 });
    expect(nextPos('PageUp', false, at, 10, 8, 4)).toEqual({ row: 1, col: 3 });
  });
  it('ignores other keys and keeps positions inside a shrunk grid', () => {
    expect(nextPos('a', false, at, 10, 8, 4)).toBeNull();
    expect(clampPos(at, 3, 2)).toEqual({ row: 2, col: 1 });
  });
});
