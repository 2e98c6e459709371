import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { PaintView } from './gridPaint';
import { paintCanvas, readTheme } from './paintCanvas';
import type { PaintOp, PaintTheme } from './paintOps';

/** Scroll events closer than this are a fast scroll (a wheel spun, a bar dragged, a key held). */
const fastGapMs = 150;
/** A fast scroll has ended when no scroll event came for this long. */
const restMs = 120;

function viewOf(el: HTMLElement): PaintView {
  return { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight };
}

/**
 * The view the grid's DOM window is rendered for, and a painter that stands in for the DOM
 * while the grid scrolls fast. `contentKey` changes when the grid's size does.
 *
 * why: rendering the DOM window again on every frame of a fast scroll cost the XL grid
 * ~37 ms a frame (React, style, layout, paint of the cells that came into view); painting
 * the same picture on a canvas costs a few. So a lone scroll step (a key, a jump) renders
 * the DOM at once, as before; once steps come faster than `fastGapMs`, the canvas over the
 * grid paints each step and the DOM window waits; `restMs` after the last step the DOM
 * window renders where the grid stopped and the canvas hides. The DOM stays the grid for
 * assistive technology, the keyboard and the mouse (the canvas is aria-hidden and lets
 * clicks through); the tab stop's cell is always in it.
 */
export function useScrollPainter(
  scrollRef: RefObject<HTMLDivElement | null>,
  canvasRef: RefObject<HTMLCanvasElement | null>,
  planFor: (view: PaintView, theme: PaintTheme) => PaintOp[],
  contentKey: string,
): { view: PaintView; settle: () => void } {
  const [view, setView] = useState<PaintView>({ top: 0, left: 0, width: 0, height: 0 });
  const plan = useRef(planFor);
  const state = useRef({ fast: false, shown: false, last: -Infinity, timer: 0, theme: null as PaintTheme | null });

  const paint = useCallback(() => {
    const el = scrollRef.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d', { alpha: false });
    if (!el || !canvas || !ctx) return;
    const s = state.current;
    s.theme ??= readTheme(el, ctx);
    const v = viewOf(el);
    // why: written once per fast scroll: setting a style, even to its value, dirties style,
    // and the next step's reading of the view then waited for a forced style and layout.
    if (!s.shown) {
      canvas.style.display = 'block';
      s.shown = true;
    }
    paintCanvas(canvas, v.width, v.height, plan.current(v, s.theme));
  }, [scrollRef, canvasRef]);

  const settle = useCallback(() => {
    const s = state.current;
    window.clearTimeout(s.timer);
    const el = scrollRef.current;
    if (!s.fast || !el) return;
    s.fast = false;
    // why: read again next time, so a switch of the light or dark scheme shows.
    s.theme = null;
    // A fresh object: the commit that follows hides the canvas even if the view is where it was.
    setView(viewOf(el));
  }, [scrollRef]);

  // The latest plan for the next paint; while fast, a change of the grid (a key, new data) repaints.
  useLayoutEffect(() => {
    plan.current = planFor;
    if (state.current.fast) paint();
  });

  // why: when the grid's size changes (a filter, the other axis order) the browser clamps
  // the scroll offset and fires scroll events; they are not a fast scroll, and a filter's
  // answer must not wait for a rest.
  useLayoutEffect(() => {
    state.current.last = -Infinity;
  }, [contentKey]);

  // After the DOM window rendered for a rest, the canvas goes.
  useLayoutEffect(() => {
    const s = state.current;
    if (s.fast || !s.shown || !canvasRef.current) return;
    canvasRef.current.style.display = 'none';
    s.shown = false;
  }, [view, canvasRef]);

  // why: a layout effect, so the first paint already shows the cells of the grid's real size.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const s = state.current;
    setView(viewOf(el));
    const onScroll = () => {
      const now = performance.now();
      const quick = now - s.last < fastGapMs;
      s.last = now;
      if (!s.fast && !quick) {
        setView(viewOf(el));
        return;
      }
      s.fast = true;
      paint();
      window.clearTimeout(s.timer);
      s.timer = window.setTimeout(settle, restMs);
    };
    const resized = new ResizeObserver(() => (s.fast ? paint() : setView(viewOf(el))));
    el.addEventListener('scroll', onScroll, { passive: true });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
      window.clearTimeout(s.timer);
    };
  }, [scrollRef, paint, settle]);

  return { view, settle };
}
