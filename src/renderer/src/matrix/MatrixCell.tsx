import { memo } from 'react';
import { heldViaWords, type HeldChip } from '../../../shared/privileges/heldVia';
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
  /** In the labels mode: the cell's chips (else the cell shows psql's letters). */
  chips?: readonly HeldChip[] | undefined;
}

/** The chips in words, e.g. "SELECT through a group, REFERENCES through PUBLIC". */
function chipWords(chips: readonly HeldChip[]): string {
  return chips.map((c) => `${c.label} ${heldViaWords[c.via]}${c.grantable ? ' with grant option' : ''}`).join(', ');
}

/**
 * One role × relation cell: letters, `*` for grant options, ° on owners, superusers "⚠ all";
 * or, in the labels mode, one chip per privilege styled by how it is held.
 */
export const MatrixCell = memo(function MatrixCell(p: MatrixCellProps) {
  const cell: CellFacts = { privileges: p.privileges, grantable: p.grantable, superuser: p.superuser, owner: p.owner };
  const classes = ['matrix-cell'];
  if (cell.superuser) classes.push('is-superuser');
  if (p.open) classes.push('is-open');
  if (p.faint) classes.push('is-faint');
  if (p.staged) classes.push('is-staged');
  if (cell.privileges === 0 && !cell.superuser) classes.push('is-empty');
  if (cell.owner && p.chips === undefined) classes.push('is-owner');
  return (
    <div
      role="gridcell"
      aria-colindex={p.colIndex}
      aria-label={`${cellName(p.roleName, p.relationLabel, cell)}${p.chips !== undefined && p.chips.length > 0 ? ` (${chipWords(p.chips)})` : ''}${p.staged ? ', change staged' : ''}`}
      aria-selected={p.open}
      tabIndex={p.tabStop ? 0 : -1}
      data-pos={p.pos}
      className={classes.join(' ')}
      style={{ left: p.left, width: p.width }}
    >
      {p.chips !== undefined ? (
        <span className="cell-chips" aria-hidden="true">
          {p.chips.map((c) => (
            <span key={c.label} className={`chip chip-${c.via}${c.grantable ? ' is-grantable' : ''}`}>
              {c.label}
              {c.grantable && '*'}
            </span>
          ))}
        </span>
      ) : (
        // why: one span for the letters; the superuser's ⚠ and the owner's ° are drawn by CSS
        // (is-superuser, is-owner). A scroll step of the XL grid makes a hundred cells or
        // more, and each element less is less for React, style, layout and paint.
        <span aria-hidden="true">{cell.superuser ? 'all' : cellLetters(cell)}</span>
      )}
      {p.staged && <span className="cell-staged" aria-hidden="true" />}
    </div>
  );
});
