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

/** A role's label on one line from `x` at the vertical middle `mid`: icon, name, ⚠, "staged" (AxisLabel). */
function paintRoleLabel(plan: Plan, item: Extract<AxisItem, { type: 'role' }>, x: number, mid: number, theme: PaintTheme): void {
  plan.text(x + 1, mid, item.login ? '●' : '◆', `9px ${theme.sans}`, theme.muted);
  let at = x + 15;
  plan.text(at, mid, item.name, nameFont(theme), theme.text);
  at += theme.measure(nameFont(theme), item.name) + 5;
  if (item.superuser) {
    const font = `700 13px ${theme.sans}`;
    plan.text(at, mid, '⚠', font, theme.danger);
    at += theme.measure(font, '⚠') + 5;
  }
  if (item.staged) plan.text(at, mid, 'staged', `600 11px ${theme.sans}`, theme.focus);
}

/** A row header: background, borders, the label on one line ("schema." muted, then the name; kinds other than table badged at the right). */
export function paintRowHead(plan: Plan, item: AxisItem, box: HeadBox, theme: PaintTheme): void {
  const superuser = item.type === 'role' && item.superuser;
  plan.rect(box.x, box.y, box.w, box.h, superuser ? theme.warnBg : theme.panel);
  plan.rect(box.x, box.y + box.h - 1, box.w, 1, theme.hover);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  if (superuser) plan.rect(box.x, box.y, 3, box.h, theme.danger);
  const mid = box.y + box.h / 2;
  plan.clip(box.x, box.y, box.w - 1 - 8, box.h);
  if (item.type === 'role') {
    paintRoleLabel(plan, item, box.x + 8, mid, theme);
  } else {
    const schema = `${item.schema}.`;
    plan.text(box.x + 8, mid, schema, nameFont(theme), theme.muted);
    plan.text(box.x + 8 + theme.measure(nameFont(theme), schema), mid, item.name, nameFont(theme), theme.text);
    if (item.kind !== 'r') {
      const font = `11px ${theme.sans}`;
      const words = relationKindWords[item.kind];
      const w = theme.measure(font, words) + 8;
      const x = box.x + box.w - 9 - w;
      plan.push({ op: 'rect', x, y: mid - 8, w, h: 16, fill: theme.badgeBg, radius: 3 });
      plan.text(x + 4, mid, words, font, theme.muted);
    }
  }
  plan.unclip();
}

/** A column header, bottom-aligned: a relation's schema (and kind) over its name, or a role's one-line label. */
export function paintColHead(plan: Plan, item: AxisItem, box: HeadBox, theme: PaintTheme): void {
  if (item.type === 'role' && item.superuser) plan.rect(box.x, box.y, box.w, box.h, theme.warnBg);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  const nameMid = box.y + box.h - 4 - 9;
  plan.clip(box.x, box.y, box.w - 1 - 6, box.h);
  if (item.type === 'role') {
    paintRoleLabel(plan, item, box.x + 6, nameMid, theme);
  } else {
    const schema = item.kind === 'r' ? item.schema : `${item.schema} · ${relationKindWords[item.kind]}`;
    plan.text(box.x + 6, nameMid - 15.5, schema, `10.5px ${theme.sans}`, theme.muted);
    plan.text(box.x + 6, nameMid, item.name, nameFont(theme), theme.text);
  }
  plan.unclip();
}

/** The top-left corner: "Role \ Table" in small muted capitals' weight. */
export function paintCorner(plan: Plan, text: string, box: HeadBox, theme: PaintTheme): void {
  plan.rect(box.x, box.y, box.w, box.h, theme.panelHead);
  plan.rect(box.x + box.w - 1, box.y, 1, box.h, theme.border);
  plan.rect(box.x, box.y + box.h - 1, box.w, 1, theme.border);
  plan.text(box.x + 8, box.y + box.h - 4 - 8, text, `600 11px ${theme.sans}`, theme.muted);
}
