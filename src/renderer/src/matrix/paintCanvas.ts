import { themeProperties, type PaintOp, type PaintTheme } from './paintOps';

/**
 * The page's colours and fonts for the painter, read from the stylesheet's custom
 * properties as they apply to `el` (so the light and dark schemes both hold), with a
 * measure of text widths cached per font and string.
 */
export function readTheme(el: Element, ctx: CanvasRenderingContext2D): PaintTheme {
  const style = getComputedStyle(el);
  const colours = Object.fromEntries(
    Object.entries(themeProperties).map(([key, prop]) => [key, style.getPropertyValue(prop).trim() || '#000']),
  ) as Record<keyof typeof themeProperties, string>;
  const widths = new Map<string, number>();
  return {
    ...colours,
    sans: style.fontFamily,
    measure: (font, text) => {
      const key = `${font}\u0000${text}`;
      let w = widths.get(key);
      if (w === undefined) {
        ctx.font = font;
        w = ctx.measureText(text).width;
        // why: names scroll by in their thousands; a bound keeps the cache from growing with them.
        if (widths.size > 5000) widths.clear();
        widths.set(key, w);
      }
      return w;
    },
  };
}

/**
 * Sizes the canvas to `width` × `height` CSS pixels at the screen's pixel ratio (crisp text)
 * and replays the plan on it.
 */
export function paintCanvas(canvas: HTMLCanvasElement, width: number, height: number, ops: readonly PaintOp[]): void {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d', { alpha: false });
  if (ctx === null) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textBaseline = 'middle';
  let clipped = false;
  // why: setting a font parses it; most ops reuse the one before.
  let font = '';
  for (const op of ops) {
    switch (op.op) {
      case 'rect':
        ctx.globalAlpha = op.alpha ?? 1;
        ctx.fillStyle = op.fill;
        if (op.radius === undefined) ctx.fillRect(op.x, op.y, op.w, op.h);
        else {
          ctx.beginPath();
          ctx.roundRect(op.x, op.y, op.w, op.h, op.radius);
          ctx.fill();
        }
        break;
      case 'frame':
        ctx.globalAlpha = op.alpha ?? 1;
        ctx.strokeStyle = op.stroke;
        ctx.lineWidth = op.width;
        ctx.setLineDash(op.dash ?? []);
        ctx.beginPath();
        if (op.radius === undefined) ctx.rect(op.x + op.width / 2, op.y + op.width / 2, op.w - op.width, op.h - op.width);
        else ctx.roundRect(op.x, op.y, op.w, op.h, op.radius);
        ctx.stroke();
        break;
      case 'text':
        ctx.globalAlpha = op.alpha ?? 1;
        if (op.font !== font) {
          ctx.font = op.font;
          font = op.font;
        }
        ctx.fillStyle = op.fill;
        ctx.fillText(op.text, op.x, op.y);
        break;
      case 'clip':
        // why: restore brings back the font set before save: forget which one is set.
        font = '';
        if (clipped) ctx.restore();
        ctx.save();
        ctx.beginPath();
        ctx.rect(op.x, op.y, op.w, op.h);
        ctx.clip();
        clipped = true;
        break;
      case 'unclip':
        font = '';
        if (clipped) ctx.restore();
        clipped = false;
        break;
    }
  }
  if (clipped) ctx.restore();
  ctx.globalAlpha = 1;
}
