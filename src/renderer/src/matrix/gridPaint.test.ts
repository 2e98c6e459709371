import { describe, expect, it } from 'vitest';
import { SELECT } from '../../../shared/privileges/bits';
import { computeEffective } from '../../../shared/privileges/effective';
import { SnapshotBuilder } from '../../../shared/privileges/testSnapshot';
import { stagedKey } from './cellEdits';
import { paintPlan, type PaintModel } from './gridPaint';
import { relationKey } from '../findings/findingMarks';
import { axesOf } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';
import type { PaintOp, PaintTheme } from './paintOps';

const colours = ['panel', 'panelHead', 'text', 'muted', 'border', 'hover', 'selected', 'accent', 'accentText', 'focus', 'danger', 'warn', 'warnBg', 'warnBorder', 'infoBg', 'badgeBg'] as const;
/** Each colour named after itself, and every character 7 px wide: the plan can be read back. */
const theme: PaintTheme = { ...(Object.fromEntries(colours.map((c) => [c, c])) as Record<(typeof colours)[number], string>), sans: 'sans', measure: (_font, text) => text.length * 7 };

function model(overrides: Partial<PaintModel> = {}): PaintModel {
  const b = new SnapshotBuilder(16);
  const owner = b.role('datatweets', { canLogin: true });
  b.role('data_viewer', { canLogin: true, superuser: true });
  b.role('readonly');
  b.relation('users', owner, `{datatweets=arwdDxtm/datatweets,readonly=r*/datatweets}`);
  b.relation('sales', owner, null, 'v');
  const snapshot = b.build();
  const m = computeEffective(snapshot);
  const data: MatrixData = { ...m, relationCount: m.relationOids.length };
  const axes = axesOf(snapshot);
  // Rows: data_viewer, datatweets, pg_*…, postgres, readonly (by name); columns: sales, users.
  const rows = axes.roles.filter((r) => !r.name.startsWith('pg_'));
  return {
    rows,
    cols: axes.relations,
    data,
    privilege: 0,
    corner: 'Role \\ Relation',
    staged: new Set<string>(),
    openRow: -1,
    openCol: -1,
    focused: null,
    chipsOf: undefined,
    rowAxis: { count: rows.length, size: 24, padStart: 40, overscan: 6 },
    colAxis: { count: axes.relations.length, size: 136, padStart: 180, overscan: 2 },
    marks: null,
    ...overrides,
  };
}

const view = { top: 0, left: 0, width: 800, height: 400 };
const texts = (ops: readonly PaintOp[]) => ops.filter((o): o is Extract<PaintOp, { op: 'text' }> => o.op === 'text');
/** The text ops inside the cell at data row r, column c (grid of 24 × 136 under a 40 px header and a 180 px head column). */
const inCell = (ops: readonly PaintOp[], m: PaintModel, r: number, c: number, v = view) =>
  texts(ops).filter((o) => {
    const x = 180 + c * 136 - v.left;
    const y = 40 + r * 24 - v.top;
    return o.x >= x && o.x < x + 136 && o.y >= y && o.y < y + 24;
  });
const rowOf = (m: PaintModel, name: string) => m.rows.findIndex((r) => r.type === 'role' && r.name === name);
const colOf = (m: PaintModel, name: string) => m.cols.findIndex((c) => c.type === 'relation' && c.name === name);

describe('paintPlan', () => {
  it('paints each cell’s letters where the DOM puts them, grant options starred, the owner’s ° after', () => {
    const m = model();
    const ops = paintPlan(m, view, theme);
    const users = colOf(m, 'users');
    expect(inCell(ops, m, rowOf(m, 'readonly'), users).map((o) => o.text)).toEqual(['r*']);
    const readonlyText = inCell(ops, m, rowOf(m, 'readonly'), users)[0];
    expect(readonlyText).toMatchObject({ x: 180 + users * 136 + 6, y: 40 + rowOf(m, 'readonly') * 24 + 11.5, fill: 'text' });
    const owner = inCell(ops, m, rowOf(m, 'datatweets'), users);
    // The owner holds every privilege of a table on PostgreSQL 16 with grant option.
    expect(owner.map((o) => o.text)).toEqual(['a*r*w*d*D*x*t*', '°']);
    expect(owner[1]?.x).toBe((owner[0]?.x ?? 0) + 14 * 7 + 3);
    expect(inCell(ops, m, rowOf(m, 'readonly'), colOf(m, 'sales'))).toEqual([]);
  });

  it('paints a superuser’s cells “⚠ all” on the warning background', () => {
    const m = model();
    const ops = paintPlan(m, view, theme);
    const r = rowOf(m, 'data_viewer');
    const c = colOf(m, 'users');
    expect(inCell(ops, m, r, c).map((o) => [o.text, o.fill])).toEqual([
      ['⚠', 'danger'],
      ['all', 'warn'],
    ]);
    expect(ops).toContainEqual({ op: 'rect', x: 180 + c * 136, y: 40 + r * 24, w: 136, h: 24, fill: 'warnBg' });
  });

  it('paints the heads over the cells: row heads, then the header row, then the corner', () => {
    const m = model();
    const ops = paintPlan(m, view, theme);
    const lastCellText = ops.findLastIndex((o) => o.op === 'text' && o.x >= 180 && o.y >= 40);
    const rowHead = ops.findIndex((o) => o.op === 'text' && o.text === 'readonly');
    const band = ops.findIndex((o) => o.op === 'rect' && o.fill === 'panelHead' && o.y === 0 && o.h === 40 && o.x === 0 && o.w > 180);
    const corner = ops.findIndex((o) => o.op === 'text' && o.text === 'Role \\ Relation');
    expect(lastCellText).toBeGreaterThan(0);
    expect(rowHead).toBeGreaterThan(lastCellText);
    expect(band).toBeGreaterThan(rowHead);
    expect(corner).toBeGreaterThan(band);
    // A view's kind is named over its name, as the stacked column header does.
    expect(texts(ops).map((o) => o.text)).toEqual(expect.arrayContaining(['public · view', 'sales', 'public', 'users']));
  });

  it('follows the scroll: a row scrolled under the header is not painted, the next one moves up', () => {
    const m = model();
    const scrolled = { ...view, top: 24 * 2 };
    const ops = paintPlan(m, scrolled, theme);
    const heads = texts(ops).filter((o) => o.x < 180 && o.y > 40).map((o) => o.text);
    expect(heads).not.toContain(m.rows[0]?.name);
    expect(heads).not.toContain(m.rows[1]?.name);
    const third = texts(ops).find((o) => o.text === m.rows[2]?.name);
    expect(third?.y).toBe(40 + 2 * 24 - scrolled.top + 12);
  });

  it('fades cells without the filtered privilege, rings the focused cell, marks staged and explained ones', () => {
    const base = model();
    const r = rowOf(base, 'readonly');
    const c = colOf(base, 'users');
    const owner = rowOf(base, 'datatweets');
    const m = model({
      privilege: SELECT,
      focused: { row: r, col: c },
      openRow: owner,
      openCol: c,
      staged: new Set([stagedKey('readonly', 'public', 'users')]),
    });
    const ops = paintPlan(m, view, theme);
    // readonly holds SELECT on users: not faint under the SELECT filter.
    expect(inCell(ops, m, r, c)[0]?.alpha).toBeUndefined();
    const cellX = 180 + c * 136;
    const cellY = 40 + r * 24;
    expect(ops).toContainEqual({ op: 'frame', x: cellX, y: cellY, w: 135, h: 23, stroke: 'focus', width: 2 });
    expect(ops).toContainEqual({ op: 'frame', x: cellX + 1, y: cellY + 1, w: 134, h: 22, stroke: 'focus', width: 2, dash: [6, 3] });
    expect(ops).toContainEqual({ op: 'rect', x: cellX, y: 40 + owner * 24, w: 136, h: 24, fill: 'selected' });
  });

  it('draws a faint cell at a third of its strength', () => {
    const m = model({ privilege: 1 << 12 });
    const ops = paintPlan(m, view, theme);
    const owner = inCell(ops, m, rowOf(m, 'datatweets'), colOf(m, 'users'));
    expect(owner.length).toBeGreaterThan(0);
    for (const o of owner) expect(o.alpha).toBe(0.35);
  });

  it('paints the labels mode’s chips, with the grant option as a star and a bar', () => {
    const m = model({ chipsOf: (role) => (role.name === 'readonly' ? [{ bits: SELECT, label: 'SELECT', via: 'direct', grantable: true }] : []) });
    const ops = paintPlan(m, view, theme);
    const c = colOf(m, 'users');
    const r = rowOf(m, 'readonly');
    expect(inCell(ops, m, r, c).map((o) => [o.text, o.fill])).toEqual([['SELECT*', 'accent']]);
    const x = 180 + c * 136 + 6;
    expect(ops).toContainEqual(expect.objectContaining({ op: 'rect', x, fill: 'infoBg', w: 7 * 7 + 8, radius: 3 }));
    expect(ops).toContainEqual(expect.objectContaining({ op: 'frame', stroke: 'accent', radius: 3 }));
  });

  it('flags the heads that open findings name, coloured by the worst, where the DOM puts the flag', () => {
    const marks = {
      roles: new Map([['readonly', { count: 2, worst: 'high' as const, titles: [] }]]),
      relations: new Map([[relationKey('public', 'users'), { count: 1, worst: 'medium' as const, titles: [] }]]),
    };
    const m = model({ marks });
    const ops = paintPlan(m, view, theme);
    const flags = texts(ops).filter((o) => o.text.startsWith('⚑'));
    const row = rowOf(m, 'readonly');
    // After the icon (15 px), the name (8 letters × 7 px), the gap (5) and the flag's margin (4).
    expect(flags).toContainEqual(expect.objectContaining({ text: '⚑ 2', fill: 'danger', x: 8 + 15 + 8 * 7 + 5 + 4, y: 40 + row * 24 + 12 }));
    // In the column header, inside the name's span: the margin only.
    expect(flags).toContainEqual(expect.objectContaining({ text: '⚑', fill: 'warn', x: 180 + colOf(m, 'users') * 136 + 6 + 5 * 7 + 4 }));
    expect(flags).toHaveLength(2);
  });
});
