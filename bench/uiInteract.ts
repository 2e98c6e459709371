import { readFile } from 'node:fs/promises';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { armSettle, childrenShown, matrixSummary, scrollTreeFrames, settled, startProbe, stopProbe, watchChildren } from './uiPage';

// What bench/ui.ts does after the grid shows: the matrix filters, the tree's biggest schema,
// and the memory of the page and of the backend.

/** One filter step's answer: from the last input to the frame after the grid's last change. */
export interface FilterFigure {
  step: string;
  /** The matrix's summary afterwards ("8 roles × 6 relations"), to show the filter did something. */
  result: string;
  ms: number;
  /** The longest frame interval from the first key to the answer (typing stays smooth?). */
  longestFrame: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Progress on stderr, so a long XL run shows where it is. */
const note = (text: string) => process.stderr.write(`  ${text}\n`);

/**
 * Runs `act` and waits until the matrix has not changed for `quietMs`; the time from the
 * last input event to the frame after the last change, and the longest frame meanwhile.
 */
async function timeAnswer(page: Page, step: string, act: () => Promise<void>, quietMs = 1500): Promise<FilterFigure> {
  await page.evaluate(armSettle, '.matrix-body, .matrix-summary');
  await page.evaluate(startProbe);
  await act();
  const deadline = Date.now() + 120_000;
  for (;;) {
    await sleep(100);
    const s = await page.evaluate(settled);
    if (!Number.isNaN(s.painted) && s.now - s.last >= quietMs) {
      const { frames } = await page.evaluate(stopProbe);
      const figure = { step, result: await page.evaluate(matrixSummary), ms: s.painted - s.start, longestFrame: Math.max(...frames) };
      note(`${step}: ${figure.result}, ${figure.ms.toFixed(0)} ms`);
      return figure;
    }
    if (Number.isNaN(s.last) && s.now - s.start > 5_000) {
      await page.evaluate(stopProbe);
      return { step, result: `${await page.evaluate(matrixSummary)} (nothing changed)`, ms: NaN, longestFrame: NaN };
    }
    if (Date.now() > deadline) throw new Error(`${step}: the matrix kept changing for two minutes`);
  }
}

/** Waits until no API reply has arrived for 2 s (findings.list lands after the grid on XL): the filters are timed alone. */
async function quiet(page: Page): Promise<void> {
  const count = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/invoke')).length);
  let last = await count();
  for (let stable = 0; stable < 20; ) {
    await sleep(100);
    const now = await count();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/** The filter steps: role kind, a role name typed, a table name typed, a schema; each undone after. */
export async function measureFilters(page: Page): Promise<FilterFigure[]> {
  await quiet(page);
  const bar = page.getByRole('group', { name: 'Matrix filters' });
  const kind = bar.getByLabel('Roles', { exact: true });
  const schema = bar.getByLabel('Schema', { exact: true });
  const search = bar.getByRole('searchbox', { name: 'Filter by role or table name' });
  const typed = async (text: string) => {
    await search.focus();
    // why: a person types; each key is a new filter, and the last one is what counts.
    await page.keyboard.type(text, { delay: 80 });
  };
  const firstSchema = (await schema.locator('option[value^="s_"]').first().getAttribute('value')) ?? '';
  const out: FilterFigure[] = [];
  out.push(await timeAnswer(page, 'Roles: Groups', () => kind.selectOption('groups').then(() => undefined)));
  out.push(await timeAnswer(page, 'Roles: Users and groups', () => kind.selectOption('all').then(() => undefined)));
  out.push(await timeAnswer(page, 'type a role name "u_0004"', () => typed('u_0004')));
  out.push(await timeAnswer(page, 'clear the name box', () => search.fill('')));
  out.push(await timeAnswer(page, 'type a table name "t_00012"', () => typed('t_00012')));
  out.push(await timeAnswer(page, 'clear the name box', () => search.fill('')));
  out.push(await timeAnswer(page, `Schema: ${firstSchema}`, () => schema.selectOption(firstSchema).then(() => undefined)));
  out.push(await timeAnswer(page, 'Schema: All schemas', () => schema.selectOption('').then(() => undefined)));
  return out;
}

/** The tree's biggest schema: expanded from the keyboard and by a click, and scrolled. */
export interface TreeFigures {
  schema: string;
  keyboardMs: number;
  clickMs: number;
  /** Treeitems in the DOM under the expanded schema, against its tables. */
  rendered: number;
  setSize: number;
  scrollFrames: number[];
  /** tree.relations for the schema from Node, alone (set by the caller). */
  replyMs: number;
}

/** Expands the first `s_…` schema of `database` (the benchmark catalogs' biggest) with ArrowRight, scrolls the tree, collapses, then clicks it. */
export async function measureTree(page: Page, database: Locator): Promise<Omit<TreeFigures, 'replyMs'>> {
  const first = database.getByRole('treeitem').filter({ has: page.locator(':scope > .tree-row .tree-label', { hasText: /^s_/ }) }).first();
  await first.waitFor({ timeout: 60_000 });
  const name = ((await first.locator('.tree-label').first().textContent()) ?? '').trim();
  await first.focus();
  await page.evaluate(watchChildren, name);
  await page.keyboard.press('ArrowRight');
  const byKey = await page.evaluate(childrenShown, name);
  note(`tree: ${name} expanded by ArrowRight in ${byKey.ms.toFixed(0)} ms, ${byKey.rendered} of ${byKey.setSize} rows in the DOM`);
  const frames = await page.evaluate(scrollTreeFrames);
  await first.focus();
  await page.keyboard.press('ArrowLeft');
  await first.locator('[role="group"]').waitFor({ state: 'detached' });
  await page.evaluate(watchChildren, name);
  await first.locator('.tree-row').first().click();
  const byClick = await page.evaluate(childrenShown, name);
  return { schema: name, keyboardMs: byKey.ms, clickMs: byClick.ms, rendered: byKey.rendered, setSize: byKey.setSize, scrollFrames: frames };
}

/** The page's JS heap (main thread), as is and after a forced GC, in bytes; and its DOM node count. */
export async function pageHeap(cdp: CDPSession): Promise<{ used: number; afterGc: number; domNodes: number }> {
  const used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.send('HeapProfiler.collectGarbage');
  const afterGc = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return { used, afterGc, domNodes: metrics.find((m) => m.name === 'Nodes')?.value ?? NaN };
}

/** A process's resident memory now and at its peak, in bytes (Linux /proc). */
export async function processMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
