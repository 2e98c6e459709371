/** A data cell's position: row and column among the data cells (headers excluded). */
export interface GridPos {
  row: number;
  col: number;
}

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max - 1));

/**
 * Where a key moves the active cell in a rows × cols grid (WAI-ARIA grid pattern), or null
 * when the key is not a movement key. `pageRows` is how many rows PageUp/PageDown skip.
 */
export function nextPos(key: string, ctrl: boolean, pos: GridPos, rows: number, cols: number, pageRows: number): GridPos | null {
  const { row, col } = pos;
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(row - 1, rows), col };
    case 'ArrowDown':
      return { row: clamp(row + 1, rows), col };
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, cols) };
    case 'ArrowRight':
      return { row, col: clamp(col + 1, cols) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row, col: cols - 1 };
    case 'PageUp':
      return { row: clamp(row - pageRows, rows), col };
    case 'PageDown':
      return { row: clamp(row + pageRows, rows), col };
    default:
      return null;
  }
}

/** The position kept inside a grid that may have shrunk. */
export function clampPos(pos: GridPos, rows: number, cols: number): GridPos {
  return { row: clamp(pos.row, rows), col: clamp(pos.col, cols) };
}
