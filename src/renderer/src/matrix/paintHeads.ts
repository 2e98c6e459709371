import { relationKey, type FindingMark, type FindingMarks } from '../findings/findingMarks';
import { relationKindWords } from './cellText';
import type { AxisItem } from './matrixAxes';
import type { PaintTheme, Plan } from './paintOps';

/** A header's box in the view and whether it is a column's (stacked, bottom-aligned) or a row's. */
export interface HeadBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

const nameFont = (t: PaintTheme) => `600 13px ${t.sans}`;

/** The open findings' mark of an item, if any (FindingMarkBadge's RoleFindingMark and RelationFindingMark). */
function markOf(item: AxisItem, marks: FindingMarks | null): FindingMark | undefined {
  if (marks === null) return undefined;
  return item.type === 'role' ? marks.roles.get(item.name) : marks.relations.get(relationKey(item.schema, item.name));
}

/** The findings flag "⚑ n" at `x` (after its 4 px margin), coloured by the worst finding; returns where the label goes on (`x` when there is none). */
function paintMark(plan: Plan, mark: FindingMark | undefined, x: number, mid: number, theme: PaintTheme): number {
  if (mark === undefined) return x;
  plan.text(x + 4, mid, markText(mark), markFont(theme), mark.worst === 'high' ? theme.danger : mark.worst === 'medium' ? theme.warn : theme.muted);
  return x + markWidth(mark, theme);
}

const markFont = (t: PaintTheme) => `11px ${t.sans}`;
const markText = (mark: FindingMark) => `⚑${mark.count > 1 ? ` ${mark.count}` : ''}`;

/** The room a flag takes with its margin and the gap after it (0 without one). */
function markWidth(mark: FindingMark | undefined, theme: PaintTheme): number {
  return mark === undefined ? 0 : 4 + theme.measure(markFont(theme), markText(mark)) + 5;
}

const viewFont = (t: PaintTheme) => `12px ${t.sans}`;

/** The width of the header's faint ⊞ button (AxisLabel's ViewButton: 2 px padding each side). */
const viewWidth = (theme: PaintTheme) => 2 + theme.measure(viewFont(theme), '⊞') + 2;

/** The faint ⊞ that opens the role or table view, at `x` (its box's left). */
function paintViewButton(plan: Plan, x: number, mid: number, theme: PaintTheme): void {
  plan.text(x + 2, mid, '⊞', viewFont(theme), theme.muted, 0.45);
}

/** A role's label on one line from `x` at the vertical middle `mid`: icon, name, ⚠, "staged" (AxisLabel). */
function paintRoleLabel(plan: Plan, item: Extract<AxisItem, { type: 'role' }>, x: number, mid: number, theme: PaintTheme, marks: FindingMarks | null): void {
  plan.text(x + 1, mid, item.login ? '●' : '◆', `9px ${theme.sans}`, theme.muted);
  plan.text(x + 15, mid, item.name, nameFont(theme), theme.text);
  const at = paintMark(plan, markOf(item, marks), x + 15 + theme.measure(nameFont(theme), item.name) + 5, mid, theme);
  const warnFont = `700 13px ${theme.sans}`;
  if (item.superuser) plan.text(at, mid, '⚠', warnFont, theme.danger);
  const next = item.superuser ? at + theme.measure(warnFont, '⚠') + 5 : at;
  // why: a role only a staged change creates has no view yet: its tag instead of the button.
  if (item.staged) plan.text(next, mid, 'staged', `600 11px ${theme.sans}`, theme.focus);
  else paintViewButton(plan, next, mid, theme);
}

/** A row header: background, borders, the label on one line ("schema." muted, then the name; kinds other than table badged at the right). */
export function paintRowHead(plan: Plan, item: AxisItem, box: HeadBox, theme: PaintTheme, marks: FindingMarks | null): void {
  const superuser = item.type === 'role' && item.superuser;
  plan.rect(box.x, box.y, box.w, box.h, superuser ? theme.warnBg : theme.panel);
  plan.rect(box.x, box.y + box.h - 1, box.w, 1, theme.hover);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  if (superuser) plan.rect(box.x, box.y, 3, box.h, theme.danger);
  const mid = box.y + box.h / 2;
  plan.clip(box.x, box.y, box.w - 1 - 8, box.h);
  if (item.type === 'role') {
    paintRoleLabel(plan, item, box.x + 8, mid, theme, marks);
  } else {
    const schema = `${item.schema}.`;
    const nameX = box.x + 8 + theme.measure(nameFont(theme), schema);
    plan.text(box.x + 8, mid, schema, nameFont(theme), theme.muted);
    plan.text(nameX, mid, item.name, nameFont(theme), theme.text);
    const mark = markOf(item, marks);
    if (item.kind === 'r') {
      paintViewButton(plan, paintMark(plan, mark, nameX + theme.measure(nameFont(theme), item.name) + 5, mid, theme), mid, theme);
    } else {
      // The kind's badge goes to the right edge, the flag after it (margin-left: auto).
      const font = `11px ${theme.sans}`;
      const words = relationKindWords[item.kind];
      const w = theme.measure(font, words) + 8;
      const x = box.x + box.w - 9 - viewWidth(theme) - markWidth(mark, theme) - 5 - w;
      paintViewButton(plan, paintMark(plan, mark, x + w + 5, mid, theme), mid, theme);
      plan.push({ op: 'rect', x, y: mid - 8, w, h: 16, fill: theme.badgeBg, radius: 3 });
      plan.text(x + 4, mid, words, font, theme.muted);
    }
  }
  plan.unclip();
}

/** A column header, bottom-aligned: a relation's schema (and kind) over its name, or a role's one-line label. */
export function paintColHead(plan: Plan, item: AxisItem, box: HeadBox, theme: PaintTheme, marks: FindingMarks | null): void {
  if (item.type === 'role' && item.superuser) plan.rect(box.x, box.y, box.w, box.h, theme.warnBg);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  const nameMid = box.y + box.h - 4 - 9;
  plan.clip(box.x, box.y, box.w - 1 - 6, box.h);
  if (item.type === 'role') {
    paintRoleLabel(plan, item, box.x + 6, nameMid, theme, marks);
  } else {
    const schema = item.kind === 'r' ? item.schema : `${item.schema} · ${relationKindWords[item.kind]}`;
    plan.text(box.x + 6, nameMid - 15.5, schema, `10.5px ${theme.sans}`, theme.muted);
    plan.text(box.x + 6, nameMid, item.name, nameFont(theme), theme.text);
    // Inside the name's span: its 4 px margin only.
    paintMark(plan, markOf(item, marks), box.x + 6 + theme.measure(nameFont(theme), item.name), nameMid, theme);
  }
  plan.unclip();
  // The stacked header's button sits in its top right corner (4 px in), outside the text's clip.
  if (item.type === 'relation') paintViewButton(plan, box.x + box.w - 1 - 4 - viewWidth(theme), box.y + 4 + 6, theme);
}

/** The top-left corner: "Role \ Table" in small muted capitals' weight. */
export function paintCorner(plan: Plan, text: string, box: HeadBox, theme: PaintTheme): void {
  plan.rect(box.x, box.y, box.w, box.h, theme.panelHead);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  plan.rect(box.x, box.y + box.h - 1, box.w, 1, theme.border);
  plan.text(box.x + 8, box.y + box.h - 4 - 8, text, `600 11px ${theme.sans}`, theme.muted);
}
