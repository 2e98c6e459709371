import { memo } from 'react';
import { cellLetters, cellName, type CellFacts } from './cellText';

/** Props of one grid cell. */
export interface MatrixCellProps {
  roleName: string;
  relationLabel: string;
  privileges: number;
  grantable: number;
  superuser: boolean;
  owner: boolean;
  /** aria-colindex (1-based, row header is 1). */
  colIndex: number;
  /** Data position, "row:col", to find the cell for focus. */
  pos: string;
  left: number;
  width: number;
  tabStop: boolean;
  /** The cell the "why" panel explains. */
  open: boolean;
  /** The privilege filter does not match this cell: drawn faint. */
  faint: boolean;
  /** A grant or revoke for this role on this relation is staged. */
  staged: boolean;
}

/** One role × relation cell: letters, `*` for grant options, ° on owners; superusers show "⚠ all". */
export const MatrixCell = memo(function MatrixCell(p: MatrixCellProps) {
  const cell: CellFacts = { privileges: p.privileges, grantable: p.grantable, superuser: p.superuser, owner: p.owner };
  const classes = ['matrix-cell'];
  if (cell.superuser) classes.push('is-superuser');
  if (p.open) classes.push('is-open');
  if (p.faint) classes.push('is-faint');
  if (p.staged) classes.push('is-staged');
  if (cell.privileges === 0 && !cell.superuser) classes.push('is-empty');
  return (
    <div
      role="gridcell"
      aria-colindex={p.colIndex}
      aria-label={`${cellName(p.roleName, p.relationLabel, cell)}${p.staged ? ', change staged' : ''}`}
      aria-selected={p.open}
      tabIndex={p.tabStop ? 0 : -1}
      data-pos={p.pos}
      className={classes.join(' ')}
      style={{ left: p.left, width: p.width }}
    >
      {cell.superuser && (
        <span className="cell-mark" aria-hidden="true">
          ⚠
        </span>
      )}
      <span className="cell-letters" aria-hidden="true">
        {cell.superuser ? 'all' : cellLetters(cell)}
      </span>
      {p.staged && <span className="cell-staged" aria-hidden="true" />}
      {cell.owner && (
        <span className="cell-owner" aria-hidden="true">
          °
        </span>
      )}
    </div>
  );
});
