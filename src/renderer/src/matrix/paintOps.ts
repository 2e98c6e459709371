/**
 * What the scroll painter draws, as data: a plan of rectangles, frames and text that a
 * test can read and a canvas can replay (paintCanvas.ts). Colours and fonts come from the
 * page's stylesheet (readTheme) so the painting matches the DOM grid it stands in for.
 */

/** One drawing step, in CSS pixels of the view. */
export type PaintOp =
  | { op: 'rect'; x: number; y: number; w: number; h: number; fill: string; radius?: number; alpha?: number }
  | { op: 'frame'; x: number; y: number; w: number; h: number; stroke: string; width: number; dash?: readonly number[]; radius?: number; alpha?: number }
  | { op: 'text'; x: number; y: number; text: string; font: string; fill: string; alpha?: number }
  | { op: 'clip'; x: number; y: number; w: number; h: number }
  | { op: 'unclip' };

/** The stylesheet's colours (styles.css custom properties) and the fonts' measures. */
export interface PaintTheme {
  panel: string;
  panelHead: string;
  text: string;
  muted: string;
  border: string;
  hover: string;
  selected: string;
  accent: string;
  accentText: string;
  focus: string;
  danger: string;
  warn: string;
  warnBg: string;
  warnBorder: string;
  infoBg: string;
  badgeBg: string;
  /** The page's sans-serif family list. */
  sans: string;
  /** A string's advance width in `font` (a canvas's measureText, cached). */
  measure: (font: string, text: string) => number;
}

/** The custom property each theme colour comes from. */
export const themeProperties: Record<Exclude<keyof PaintTheme, 'sans' | 'measure'>, string> = {
  panel: '--panel',
  panelHead: '--panel-head',
  text: '--text',
  muted: '--muted',
  border: '--border',
  hover: '--hover',
  selected: '--selected',
  accent: '--accent',
  accentText: '--accent-text',
  focus: '--focus',
  danger: '--danger',
  warn: '--warn',
  warnBg: '--warn-bg',
  warnBorder: '--warn-border',
  infoBg: '--info-bg',
  badgeBg: '--badge-bg',
};

/** The cells' monospace family (styles.css .matrix-cell). */
export const monoFamily = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";

/** A small builder for a plan: each call adds one op. */
export class Plan {
  readonly ops: PaintOp[] = [];
  rect(x: number, y: number, w: number, h: number, fill: string, alpha?: number): void {
    this.ops.push(alpha === undefined ? { op: 'rect', x, y, w, h, fill } : { op: 'rect', x, y, w, h, fill, alpha });
  }
  text(x: number, y: number, text: string, font: string, fill: string, alpha?: number): void {
    if (text === '') return;
    this.ops.push(alpha === undefined ? { op: 'text', x, y, text, font, fill } : { op: 'text', x, y, text, font, fill, alpha });
  }
  push(op: PaintOp): void {
    this.ops.push(op);
  }
  clip(x: number, y: number, w: number, h: number): void {
    this.ops.push({ op: 'clip', x, y, w, h });
  }
  unclip(): void {
    this.ops.push({ op: 'unclip' });
  }
}
