import type { Page } from 'playwright-core';

/** One control that cannot be seen whole: what it is and why. */
export interface ClippedControl {
  control: string;
  problem: string;
}

/**
 * Every visible control (button, field, separator, tab stop) that lies outside the viewport,
 * is cut by an ancestor that cannot scroll to it, or whose own label is cut. A control in a
 * container that scrolls in the cut direction is reachable, so it counts as fine.
 */
export function clippedControls(page: Page): Promise<ClippedControl[]> {
  return page.evaluate(() => {
    const out: { control: string; problem: string }[] = [];
    const selector = 'button, input, select, textarea, a[href], summary, [role="separator"], [tabindex="0"]';
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? (el as HTMLElement).innerText).trim().slice(0, 60)}"`;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // why: the contents of a closed <details> keep a box but are not drawn; checkVisibility knows.
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || !el.checkVisibility({ contentVisibilityAuto: true })) continue;
      let reachableByScroll = false;
      for (let a = el.parentElement; a !== null && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        const ar = a.getBoundingClientRect();
        const cutX = r.left < ar.left - 0.5 || r.right > ar.right + 0.5;
        const cutY = r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5;
        const scrollsX = (s.overflowX === 'auto' || s.overflowX === 'scroll') && a.scrollWidth > a.clientWidth;
        const scrollsY = (s.overflowY === 'auto' || s.overflowY === 'scroll') && a.scrollHeight > a.clientHeight;
        if ((cutX && s.overflowX !== 'visible' && !scrollsX) || (cutY && s.overflowY !== 'visible' && !scrollsY)) {
          out.push({ control: name(el), problem: `cut by ${a.tagName.toLowerCase()}.${a.className} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(ar.left)},${Math.round(ar.top)} ${Math.round(ar.width)}×${Math.round(ar.height)})` });
          break;
        }
        if ((cutX && scrollsX) || (cutY && scrollsY)) reachableByScroll = true;
      }
      if (!reachableByScroll && (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)) {
        out.push({ control: name(el), problem: `outside the ${vw}×${vh} viewport at ${Math.round(r.left)},${Math.round(r.top)}` });
      }
      if ((el.tagName === 'BUTTON' || el.tagName === 'SELECT') && el.scrollWidth > el.clientWidth + 1) {
        out.push({ control: name(el), problem: `its label is cut (${el.scrollWidth} > ${el.clientWidth} px)` });
      }
    }
    return out;
  });
}
