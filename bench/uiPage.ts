// Functions bench/ui.ts runs inside the page (page.evaluate): each is self-contained, since
// Playwright sends its source text, not its closure.

/** Sets up, in the page, a promise for the moment the first grid cell is in the DOM. */
export const watchGrid = () => {
  const w = window as unknown as { gridShown: Promise<number>; clickedAt: number };
  // why: the user's measure starts at the click on the database, before any request is sent.
  document.addEventListener('click', () => (w.clickedAt = performance.now()), { capture: true, once: true });
  w.gridShown = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (document.querySelector('[role="grid"] [role="gridcell"]')) {
        obs.disconnect();
        resolve(performance.now());
      }
    });
    obs.observe(document.body, { subtree: true, childList: true });
  });
};

/** In the page: when the largest API reply (the catalog) finished arriving, and when the grid showed. */
export const gridTimes = async () => {
  const w = window as unknown as { gridShown: Promise<number>; clickedAt: number };
  const shown = await w.gridShown;
  const replies = performance.getEntriesByType('resource').filter((e): e is PerformanceResourceTiming => e.name.endsWith('/api/invoke'));
  const catalog = replies.reduce((a, b) => (b.encodedBodySize > a.encodedBodySize ? b : a));
  return { clicked: w.clickedAt, arrived: catalog.responseEnd, requested: catalog.startTime, shown, bytes: catalog.encodedBodySize };
};

/**
 * In the page: starts recording frame intervals (requestAnimationFrame) and, one call after
 * another, how long the server takes to answer `app.info` (is the backend free?) until stopProbe.
 */
export const startProbe = () => {
  const w = window as unknown as { probe: { frames: number[]; ends: number[]; replies: number[]; tasks: number[]; on: boolean; last: number; start: number } };
  w.probe = { frames: [], ends: [], replies: [], tasks: [], on: true, last: performance.now(), start: performance.now() };
  // why: a long frame with no long task means the page's thread was free and the frame was late elsewhere.
  new PerformanceObserver((list) => {
    if (w.probe.on) w.probe.tasks.push(...list.getEntries().map((e) => e.duration));
  }).observe({ type: 'longtask' });
  const tick = (now: number) => {
    if (!w.probe.on) return;
    w.probe.frames.push(now - w.probe.last);
    w.probe.ends.push(now - w.probe.start);
    w.probe.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const ping = async () => {
    while (w.probe.on) {
      const sent = performance.now();
      await fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'app.info', input: {} }) });
      w.probe.replies.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  void ping();
};

/**
 * In the page: stops the probe and returns the frame intervals (the one still open included),
 * when each ended (ms after the probe started), the reply times and the page's long tasks.
 */
export const stopProbe = () => {
  const w = window as unknown as { probe: { frames: number[]; ends: number[]; replies: number[]; tasks: number[]; on: boolean; last: number; start: number } };
  w.probe.on = false;
  const now = performance.now();
  return { frames: [...w.probe.frames, now - w.probe.last], ends: [...w.probe.ends, now - w.probe.start], replies: w.probe.replies, tasks: w.probe.tasks };
};

/**
 * In the page: scrolls the grid one step per frame and returns the frame intervals in ms;
 * then, once the steps stop, how long until the grid's DOM stands again (the scroll
 * painter's canvas hidden: useScrollPainter.ts) and the longest frame on the way.
 */
export const scrollFrames = async () => {
  const grid = document.querySelector<HTMLElement>('[role="grid"]');
  if (!grid) throw new Error('no grid');
  const frames: number[] = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    grid.scrollTop += 240;
    if (i % 2 === 0) grid.scrollLeft += 160;
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    frames.push(now - last);
    last = now;
  }
  const stopped = last;
  const canvas = document.querySelector<HTMLElement>('canvas.matrix-canvas');
  let restLongest = 0;
  const frame = async () => {
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    restLongest = Math.max(restLongest, now - last);
    last = now;
  };
  while (canvas !== null && getComputedStyle(canvas).display !== 'none' && last - stopped < 5000) await frame();
  const restMs = last - stopped;
  // why: the DOM window's style, layout and paint land in the frames after the canvas hid.
  await frame();
  await frame();
  return { frames, restMs, restLongest };
};

/**
 * In the page: arms a watch for "the UI answered". The last input, change, keydown or click
 * starts the clock; every DOM change under `selector` moves the end to the frame after it.
 * Read it with `settled` once nothing has changed for a while.
 */
export const armSettle = (selector: string) => {
  const w = window as unknown as { settle?: { start: number; last: number; painted: number; stop: () => void } };
  w.settle?.stop();
  const types = ['input', 'change', 'keydown', 'click'];
  const s: { start: number; last: number; painted: number; stop: () => void } = { start: NaN, last: NaN, painted: NaN, stop: () => undefined };
  const mark = () => (s.start = performance.now());
  for (const type of types) document.addEventListener(type, mark, { capture: true });
  const obs = new MutationObserver(() => {
    if (Number.isNaN(s.start)) return;
    s.last = performance.now();
    requestAnimationFrame(() => (s.painted = performance.now()));
  });
  for (const el of document.querySelectorAll(selector)) obs.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  s.stop = () => {
    obs.disconnect();
    for (const type of types) document.removeEventListener(type, mark, { capture: true });
  };
  w.settle = s;
};

/** In the page: the armed watch so far (ms since the page started). */
export const settled = () => {
  const w = window as unknown as { settle: { start: number; last: number; painted: number } };
  return { start: w.settle.start, last: w.settle.last, painted: w.settle.painted, now: performance.now() };
};

/** In the page: the matrix's "N roles × M relations" status. */
export const matrixSummary = () => document.querySelector('.matrix-summary')?.textContent ?? '';

/**
 * In the page: a promise for the first rendered child treeitem under the tree item `name`,
 * the frame after it appeared (ms since the page started).
 */
export const watchChildren = (name: string) => {
  const w = window as unknown as { childrenShown: Promise<number>; expandAt: number };
  // why: the clock starts at the key or click that expands, before any request is sent.
  w.expandAt = NaN;
  const start = () => (w.expandAt = performance.now());
  document.addEventListener('keydown', start, { capture: true, once: true });
  document.addEventListener('click', start, { capture: true, once: true });
  const itemOf = () =>
    Array.from(document.querySelectorAll<HTMLElement>('[role="tree"] [role="treeitem"]')).find(
      (el) => el.querySelector(':scope > .tree-row .tree-label')?.textContent === name,
    );
  w.childrenShown = new Promise((resolve) => {
    const check = () => {
      if (itemOf()?.querySelector('[role="group"] [role="treeitem"]')) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now()));
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true });
    setTimeout(() => {
      obs.disconnect();
      resolve(NaN);
    }, 60_000);
  });
};

/** In the page: when the watched children showed, and how many treeitems the group has in the DOM against its set size. */
export const childrenShown = async (name: string) => {
  const w = window as unknown as { childrenShown: Promise<number>; expandAt: number };
  const shown = await w.childrenShown;
  const item = Array.from(document.querySelectorAll<HTMLElement>('[role="tree"] [role="treeitem"]')).find(
    (el) => el.querySelector(':scope > .tree-row .tree-label')?.textContent === name,
  );
  const kids = item?.querySelectorAll('[role="group"] [role="treeitem"]') ?? [];
  return { ms: shown - w.expandAt, rendered: kids.length, setSize: Number(kids[0]?.getAttribute('aria-setsize') ?? '0') };
};

/** In the page: the focused tree item's name once it is `name`, the frame after (ms since the page started). */
export const focusReaches = (name: string) =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      const label = document.activeElement?.querySelector(':scope > .tree-row .tree-label')?.textContent;
      if (label === name) requestAnimationFrame(() => resolve(performance.now()));
      else if (performance.now() - started > 30_000) reject(new Error(`focus is on ${label ?? 'nothing'}, not ${name}`));
      else requestAnimationFrame(check);
    };
    check();
  });

/** In the page: scrolls the tree's panel through the expanded schema, one step per frame; the frame intervals in ms. */
export const scrollTreeFrames = async () => {
  const tree = document.querySelector<HTMLElement>('[role="tree"]');
  let panel = tree?.parentElement ?? null;
  while (panel !== null && !/(auto|scroll)/.test(getComputedStyle(panel).overflowY)) panel = panel.parentElement;
  if (panel === null) throw new Error('the tree has no scrolling panel');
  const frames: number[] = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    panel.scrollTop += 600;
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    frames.push(now - last);
    last = now;
  }
  panel.scrollTop = 0;
  return frames;
};
