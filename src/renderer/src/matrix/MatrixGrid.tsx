import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { AxisLabel } from './AxisLabel';
import { itemKey, pairOf } from './cellLookup';
import { clampPos, nextPos, type GridPos } from './gridNavigation';
import { useScopeMarks } from '../findings/FindingMarkBadge';
import { paintPlan } from './gridPaint';
import { axisLength, indexAt, offsetShowing, windowBoxes, windowSpan, type Axis } from './gridWindow';
import { bitForLetter } from '../../../shared/privileges/bits';
import type { HeldChip } from '../../../shared/privileges/heldVia';
import type { AxisItem, RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';
import { MatrixRow } from './MatrixRow';
import type { StagedCells } from './stagedLookup';
import { useScrollPainter } from './useScrollPainter';

const rowHeight = 24;
const headerHeight = 40;
const headWidth = 180;
/** Column width per cell mode: letters are short, labelled chips need room. */
const cellWidths = { letters: 136, labels: 250 } as const;

/** Props of the grid. */
export interface MatrixGridProps {
  rows: readonly AxisItem[];
  cols: readonly AxisItem[];
  data: MatrixData;
  /** Privilege filter (0 = any). */
  privilege: number;
  /** Text of the top-left corner, e.g. "Role \ Table". */
  corner: string;
  /** The cell the "why" panel explains, if any. */
  opened: { roleOid: number; relOid: number } | null;
  /** (role, relation) keys of the cells staged changes touch (see stagedLookup.ts). */
  staged: StagedCells;
  onOpen: (role: RoleItem, rel: RelationItem) => void;
  /** Letters or labelled chips (then `chipsOf` gives each cell's chips). */
  mode?: 'letters' | 'labels';
  chipsOf?: ((role: RoleItem, rel: RelationItem) => readonly HeldChip[]) | undefined;
  /** A privilege's psql letter typed on a cell: stage (or unstage) its toggle. */
  onStageKey?: ((role: RoleItem, rel: RelationItem, bit: number) => void) | undefined;
}

/** The letters typed on a cell that stage a privilege's toggle (aclitem letters of relations). */
const stageLetters = new Set(['r', 'a', 'w', 'd', 'D', 'x', 't', 'm', 'U']);

function posOf(target: EventTarget): GridPos | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('[data-pos]') : null;
  const [row, col] = (cell?.dataset.pos ?? '').split(':').map(Number);
  return row === undefined || col === undefined || Number.isNaN(row) || Number.isNaN(col) ? null : { row, col };
}

/**
 * The privilege matrix as an ARIA grid, virtualized on both axes (TanStack Table for the
 * row and column model, gridWindow.ts for the windows: one row height, one column width),
 * with a sticky header row and a sticky first column, and one roving tab stop moved by the
 * arrow keys. While it scrolls fast a canvas paints it and the DOM waits (useScrollPainter).
 */
export function MatrixGrid({ rows, cols, data, privilege, corner, opened, onOpen, staged, mode = 'letters', chipsOf, onStageKey }: MatrixGridProps) {
  const cellWidth = cellWidths[mode];
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [active, setActive] = useState<GridPos>({ row: 0, col: 0 });
  const pos = clampPos(active, rows.length, cols.length);
  const focusWanted = useRef(false);
  const rowAxis = useMemo<Axis>(() => ({ count: rows.length, size: rowHeight, padStart: headerHeight, overscan: 6 }), [rows.length]);
  const colAxis = useMemo<Axis>(() => ({ count: cols.length, size: cellWidth, padStart: headWidth, overscan: 2 }), [cols.length, cellWidth]);
  const openRow = opened === null ? -1 : rows.findIndex((r) => r.oid === (r.type === 'role' ? opened.roleOid : opened.relOid));
  const openCol = opened === null ? -1 : cols.findIndex((c) => c.oid === (c.type === 'role' ? opened.roleOid : opened.relOid));

  const marks = useScopeMarks();
  const { view, settle } = useScrollPainter(scrollRef, canvasRef, (v, theme) =>
    paintPlan(
      {
        rows,
        cols,
        data,
        privilege,
        corner,
        staged,
        openRow,
        openCol,
        focused: scrollRef.current?.contains(document.activeElement) ? pos : null,
        chipsOf: mode === 'labels' ? chipsOf : undefined,
        rowAxis,
        colAxis,
        marks,
      },
      v,
      theme,
    ),
    `${rows.length}:${cols.length}:${mode}`,
  );

  // why: the same arrays while the spans stay (a scroll within them, a key that moves the tab
  // stop in view): MatrixRow is memoized on them.
  const colSpan = windowSpan(colAxis, view.left, view.width, pos.col);
  const rowSpan = windowSpan(rowAxis, view.top, view.height, pos.row);
  const virtualCols = useMemo(() => windowBoxes(colAxis, colSpan.first, colSpan.last, colSpan.keep), [colAxis, colSpan.first, colSpan.last, colSpan.keep]);
  const virtualRows = useMemo(() => windowBoxes(rowAxis, rowSpan.first, rowSpan.last, rowSpan.keep), [rowAxis, rowSpan.first, rowSpan.last, rowSpan.keep]);
  // why: the table models the columns and rows in the window, not all of them: TanStack
  // Table builds header groups in quadratic time, which took 2.4 s for 20,000 tables, and a
  // row object per row, which took ~250 ms per filter change for 10,000 roles.
  const windowKey = virtualCols.map((vc) => vc.index).join(',');
  const rowWindowKey = virtualRows.map((vr) => vr.index).join(',');
  const windowRows = useMemo(
    () =>
      rowWindowKey
        .split(',')
        .filter((k) => k !== '')
        .flatMap((k) => rows[Number(k)] ?? []),
    [rows, rowWindowKey],
  );
  const columns = useMemo<ColumnDef<AxisItem>[]>(
    () => [
      { id: 'head', header: corner },
      ...windowKey
        .split(',')
        .filter((k) => k !== '')
        .flatMap((k): ColumnDef<AxisItem>[] => {
          const c = cols[Number(k)];
          return c === undefined ? [] : [{ id: itemKey(c), header: () => <AxisLabel item={c} stacked /> }];
        }),
    ],
    [cols, corner, windowKey],
  );
  const table = useReactTable<AxisItem>({
    data: windowRows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: itemKey,
  });
  const rowsById = table.getRowModel().rowsById;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    scrollRef.current?.querySelector<HTMLElement>(`[data-pos="${pos.row}:${pos.col}"]`)?.focus({ preventScroll: true });
  }, [pos.row, pos.col]);

  const open = (p: GridPos) => {
    const row = rows[p.row];
    const col = cols[p.col];
    const pair = row === undefined || col === undefined ? null : pairOf(row, col);
    if (pair !== null) onOpen(pair.role, pair.rel);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || cols.length === 0 || posOf(event.target) === null) return;
    // why: Ctrl+Enter is Apply's shortcut (window-wide); only a bare Enter explains the cell.
    if ((event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      open(pos);
      return;
    }
    if (onStageKey !== undefined && stageLetters.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const row = rows[pos.row];
      const col = cols[pos.col];
      const pair = row === undefined || col === undefined ? null : pairOf(row, col);
      if (pair !== null) {
        event.preventDefault();
        onStageKey(pair.role, pair.rel, bitForLetter(event.key));
      }
      return;
    }
    const visibleRows = Math.floor(((scrollRef.current?.clientHeight ?? 0) - headerHeight) / rowHeight);
    const next = nextPos(event.key, event.ctrlKey || event.metaKey, pos, rows.length, cols.length, Math.max(1, visibleRows - 1));
    if (next === null) return;
    event.preventDefault();
    focusWanted.current = true;
    setActive(next);
    const el = scrollRef.current;
    if (el) {
      el.scrollTop = offsetShowing(rowAxis, next.row, el.scrollTop, el.clientHeight, headerHeight);
      el.scrollLeft = offsetShowing(colAxis, next.col, el.scrollLeft, el.clientWidth, headWidth);
    }
  };

  /** The cell under the pointer by arithmetic: a click during a fast scroll lands where the DOM window has not caught up. */
  const posAt = (event: MouseEvent<HTMLDivElement>): GridPos | null => {
    const el = scrollRef.current;
    const onBackground = event.target === event.currentTarget || (event.target instanceof Element && event.target.classList.contains('matrix-sizer'));
    if (!el || !onBackground) return null;
    const box = el.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    if (x < headWidth || y < headerHeight) return null;
    const row = indexAt(rowAxis, y + el.scrollTop);
    const col = indexAt(colAxis, x + el.scrollLeft);
    return row < 0 || col < 0 ? null : { row, col };
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const p = posOf(event.target) ?? posAt(event);
    if (p === null) return;
    setActive(p);
    open(p);
  };

  const width = axisLength(colAxis);
  const cornerHeader = headers[0];

  return (
    <div className="matrix-viewport">
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Privilege matrix"
        aria-rowcount={rows.length + 1}
        aria-colcount={cols.length + 1}
        className="matrix-scroll"
        onKeyDown={onKeyDown}
        onClick={onClick}
        onPointerDown={settle}
        onFocus={(event) => {
          const p = posOf(event.target);
          if (p !== null && (p.row !== pos.row || p.col !== pos.col)) setActive(p);
        }}
      >
        <div className="matrix-sizer" style={{ width, height: axisLength(rowAxis) }}>
          <div role="row" aria-rowindex={1} className="matrix-header" style={{ width, height: headerHeight }}>
            <div role="columnheader" aria-colindex={1} className="matrix-corner" style={{ width: headWidth }}>
              {cornerHeader !== undefined && flexRender(cornerHeader.column.columnDef.header, cornerHeader.getContext())}
            </div>
            {virtualCols.map((vc, k) => {
              const header = headers[k + 1];
              const item = cols[vc.index];
              if (header === undefined || item === undefined) return null;
              const superuser = item.type === 'role' && item.superuser;
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  aria-colindex={vc.index + 2}
                  className={`matrix-colhead${superuser ? ' is-superuser' : ''}`}
                  style={{ left: vc.start, width: vc.size }}
                >
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </div>
              );
            })}
          </div>
          {virtualRows.map((vr) => {
            const item = rows[vr.index];
            const row = item === undefined ? undefined : rowsById[itemKey(item)];
            if (row === undefined) return null;
            return (
              <MatrixRow
                key={row.id}
                item={row.original}
                row={vr.index}
                top={vr.start}
                height={vr.size}
                width={width}
                headWidth={headWidth}
                cols={cols}
                virtualCols={virtualCols}
                data={data}
                privilege={privilege}
                tabStopCol={vr.index === pos.row ? pos.col : -1}
                openCol={vr.index === openRow ? openCol : -1}
                staged={staged}
                chipsOf={mode === 'labels' ? chipsOf : undefined}
              />
            );
          })}
        </div>
      </div>
      <canvas ref={canvasRef} className="matrix-canvas" aria-hidden="true" />
    </div>
  );
}
