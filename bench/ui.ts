import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/support/browser';
import type { Page } from 'playwright-core';
import { catalogByKey, serverFor, type BenchCatalog } from './clusters';
import { measureFilters, measureTree, pageHeap, processMemory, type FilterFigure, type TreeFigures } from './uiInteract';
import { gridTimes, scrollFrames, startProbe, stopProbe, watchGrid } from './uiPage';
import { signIn, type SignedInClient } from '../tests/support/httpSignIn';

// `npm run bench:ui [-- --sizes L,dense-L --runs 3 --csv]`: opens the privilege matrix of a benchmark
// catalog in browser-mode Warden (the built out/) with a real Chromium, and reports how
// long after the catalog's last byte arrived the grid shows its first cells, then how
// smoothly it scrolls (frame intervals while scrolling both axes, one step per frame), how
// fast the filters answer, how fast the database's first schema expands in the tree, the
// page's JS heap and the backend's RSS (bench/uiInteract.ts).

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
/** `--sizes L,dense-L`: catalog keys (a bare size is the sparse catalog of that size). */
const wanted = arg('sizes', 'L').split(',').map((s) => catalogByKey(s.trim()));
const runs = Number(arg('runs', '3'));
/** `--profile file.cpuprofile`: also record the page's CPU profile while the grid opens (last run wins). */
const profileTo = arg('profile', '');
/** `--profile-rest file.cpuprofile`: the page's CPU profile after the grid shows (scrolling, filters, tree). */
const profileRestTo = arg('profile-rest', '');
/** `--trace file.json`: Chromium's performance trace (style, layout, paint, raster) while the grid scrolls (last run wins). */
const traceTo = arg('trace', '');
/** `--profile-main dir`: run Warden's backend with `node --cpu-prof`, its profile written to dir when it stops. */
const profileMainTo = arg('profile-main', '');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

/** Starts out/main/serve.js without the demo server; resolves with its sign-in URL. */
async function startWarden(dataDir: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const nodeArgs = profileMainTo ? ['--cpu-prof', '--cpu-prof-dir', profileMainTo] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(process.cwd(), 'out', 'main', 'serve.js')], {
    env: { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0', WARDEN_NO_OPEN: '1', WARDEN_NO_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/sign-in\?code=[\w-]+)/.exec(log);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Warden exited (${code}):\n${log}`)));
  });
  return { url, pid: child.pid ?? NaN, stop: () => child.kill('SIGTERM') };
}

/** What a scroll's frames cost: the page's main thread (style, layout, paint), the compositor and raster. */
const traceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'viz', 'toplevel', 'v8'];

/** Calls one contract method over browser mode's HTTP API, signed in as the page is. */
async function invoke(client: SignedInClient, method: string, input: unknown): Promise<unknown> {
  const reply = (await client.invoke(method, input)).body;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
}

/**
 * `--csv`: also click Download CSV (the backend's worker streams it into the browser's
 * download) and record every frame interval, and the server's reply times, until the file is there.
 */
const withCsv = args.includes('--csv');
/** `--fold-roles`: hide the roles panel first (what its 10,000 entries cost the rest of the page). */
const foldRoles = args.includes('--fold-roles');
/** `--labels`: scroll the grid in its labels mode (chips explained per cell) instead of psql's letters. */
const labels = args.includes('--labels');
/** `--no-interact`: only open the grid and scroll it (the figures of issue 4). */
const interact = !args.includes('--no-interact');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(0));

/** The figures of one catalog, over its runs. */
interface CatalogFigures {
  grid: string;
  filters: FilterFigure[][];
  tree: TreeFigures[];
}

async function measureCatalog(page: Page, catalog: BenchCatalog): Promise<CatalogFigures> {
  const name = catalog.key;
  const cluster = await serverFor(catalog);
  await cluster.client.end();
  await cluster.second.end();
  const dataDir = await mkdtemp(join(tmpdir(), 'warden-bench-ui-'));
  const warden = await startWarden(dataDir);
  try {
    const { host, port, user, password } = cluster.endpoint;
    // why: the printed code works once; Node signs in and hands the page the same session.
    const client = await signIn(warden.url);
    await page.context().addCookies([{ ...client.sessionCookie, url: client.origin }]);
    const conn = (await invoke(client, 'connections.add', { name: `bench ${name}`, host, port, user, password, database: 'bench', sslmode: 'disable', save: false })) as { id: string; name: string };
    const opened: number[] = [];
    const clickToCell: number[] = [];
    const loads: number[] = [];
    const frames: number[] = [];
    const rests: number[] = [];
    const restFrames: number[] = [];
    const csvFrames: number[] = [];
    const csvReplies: number[] = [];
    const idleFrames: number[] = [];
    const csvTimes: number[] = [];
    const heaps: number[] = [];
    const heapsAfterGc: number[] = [];
    const domNodes: number[] = [];
    const filters: FilterFigure[][] = [];
    const tree: TreeFigures[] = [];
    let csvBytes = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      await page.goto(`${client.origin}/`);
      const cdp = await page.context().newCDPSession(page);
      const hideRoles = page.getByRole('button', { name: 'Hide the roles panel' });
      if (foldRoles && (await hideRoles.count()) > 0) await hideRoles.click();
      const treeRoot = page.getByRole('tree', { name: 'Database objects' });
      // why: the row itself: an open item's middle can be a row of its children (a 20,000-table
      // schema), and the server may be open already (the current one opens by itself).
      const server = treeRoot.getByRole('treeitem', { name: conn.name, exact: true });
      if ((await server.getAttribute('aria-expanded')) !== 'true') await server.locator('.tree-row').first().click();
      const db = treeRoot.getByRole('treeitem', { name: 'bench', exact: true });
      await db.waitFor({ timeout: 60_000 });
      await page.evaluate(watchGrid);
      if (profileTo) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      await db.locator('.tree-row').first().click();
      if ((await db.getAttribute('aria-expanded')) !== 'true') {
        await db.focus();
        await page.keyboard.press('ArrowRight');
      }
      const t = await page.evaluate(gridTimes);
      if (profileTo) {
        const { profile } = await cdp.send('Profiler.stop');
        await writeFile(profileTo, JSON.stringify(profile));
        console.log(`CPU profile of the page written to ${profileTo}`);
      }
      opened.push(t.shown - t.arrived);
      clickToCell.push(t.shown - t.clicked);
      loads.push(t.arrived - t.requested);
      bytes = t.bytes;
      if (profileRestTo) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      if (labels) {
        await page.getByRole('button', { name: 'Labels', exact: true }).click();
        await page.waitForTimeout(500);
      }
      const browser = page.context().browser();
      if (traceTo && browser) await browser.startTracing(page, { path: traceTo, categories: traceCategories });
      const scrolled = await page.evaluate(scrollFrames);
      frames.push(...scrolled.frames);
      rests.push(scrolled.restMs);
      restFrames.push(scrolled.restLongest);
      if (traceTo && browser) {
        await browser.stopTracing();
        console.log(`Performance trace of the grid's scroll written to ${traceTo}`);
      }
      if (interact) {
        filters.push(await measureFilters(page));
        const t = await measureTree(page, db);
        // The backend's part of the expansion: the same request from Node, timed alone.
        const asked = performance.now();
        await invoke(client, 'tree.relations', { connectionId: conn.id, database: 'bench', schema: t.schema });
        tree.push({ ...t, replyMs: performance.now() - asked });
      }
      if (profileRestTo) {
        const { profile } = await cdp.send('Profiler.stop');
        await writeFile(profileRestTo, JSON.stringify(profile));
        console.log(`CPU profile of the page after the grid showed written to ${profileRestTo}`);
      }
      const heap = await pageHeap(cdp);
      heaps.push(heap.used);
      heapsAfterGc.push(heap.afterGc);
      domNodes.push(heap.domNodes);
      await cdp.detach();
      if (withCsv) {
        // The control: the same probe for 3 s with nothing running (what the machine alone does to frames).
        await page.evaluate(startProbe);
        await new Promise((r) => setTimeout(r, 3000));
        idleFrames.push(...(await page.evaluate(stopProbe)).frames);
        // The frame probe while Download CSV runs: every frame interval from the click to the file.
        await page.evaluate(startProbe);
        const csvStarted = Date.now();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Download CSV' }).click()]);
        const path = await download.path();
        csvTimes.push(Date.now() - csvStarted);
        const probed = await page.evaluate(stopProbe);
        csvFrames.push(...probed.frames);
        // why: where the longest frames fall (after the click) tells the export's part from the machine's.
        const longest = probed.frames.map((f, k) => ({ f, at: probed.ends[k] ?? 0 })).sort((a, b) => b.f - a.f).slice(0, 3);
        const tasks = probed.tasks.length === 0 ? 'none' : `${probed.tasks.length}, longest ${Math.max(...probed.tasks).toFixed(0)} ms`;
        console.log(`  run ${i + 1}: CSV in ${csvTimes.at(-1)} ms; longest frames ${longest.map((l) => `${l.f.toFixed(0)} ms ending ${l.at.toFixed(0)} ms after the click`).join(', ')}; the page's long tasks: ${tasks}`);
        csvReplies.push(...probed.replies);
        csvBytes = (await stat(path)).size;
        // why: the page says done once the server sent the last byte; the next run starts after it.
        await page.getByRole('status').filter({ hasText: 'CSV downloaded' }).waitFor({ timeout: 60_000 });
      }
    }
    const backend = await processMemory(warden.pid);
    const grid = [
      name,
      `${(bytes / 1024 / 1024).toFixed(1)} MB`,
      median(loads).toFixed(0),
      median(opened).toFixed(0),
      median(clickToCell).toFixed(0),
      median(frames).toFixed(1),
      quantile(frames, 0.95).toFixed(1),
      Math.max(...frames).toFixed(1),
      // why: frames come in whole vsyncs (16.7 ms), so p95 jumps from 16.8 to 33.3 when a few
      // more frames than one in twenty miss theirs; the share that missed shows the margin.
      `${((100 * frames.filter((f) => f > 20).length) / frames.length).toFixed(1)}%`,
      `${median(rests).toFixed(0)} / ${Math.max(...restFrames).toFixed(0)}`,
      `${mb(median(heaps))} / ${mb(median(heapsAfterGc))}`,
      `${mb(backend.rss)} / ${mb(backend.peak)}`,
      median(domNodes).toLocaleString('en-US'),
      ...(withCsv
        ? [
            `${(csvBytes / 1024 / 1024).toFixed(0)} MB`,
            median(csvTimes).toFixed(0),
            quantile(csvFrames, 0.95).toFixed(1),
            Math.max(...csvFrames).toFixed(1),
            `${median(csvReplies).toFixed(0)} / ${Math.max(...csvReplies).toFixed(0)}`,
            `${quantile(idleFrames, 0.95).toFixed(1)} / ${Math.max(...idleFrames).toFixed(1)}`,
          ]
        : []),
    ].join(' | ');
    return { grid, filters, tree };
  } finally {
    warden.stop();
    await cluster.server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Warden grid benchmark: ${runs} runs per size, Chromium headless, built app in out/; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`);
  const browser = await launchChromium();
  // why: one page for every size and run, reloaded each time: the bundled Chromium runs
  // single-process and closing its last page ends it.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // why: the default buffer keeps 250 entries; on XL the catalog's entry came after them.
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
  const results: { name: string; figures: CatalogFigures }[] = [];
  for (const catalog of wanted) results.push({ name: catalog.key, figures: await measureCatalog(page, catalog) });
  await browser.close();
  const csvHead = withCsv ? ' CSV size | CSV click → file ms | CSV frames p95 ms | CSV longest frame ms | app.info reply while it runs, median / max ms | idle frames (3 s, nothing running) p95 / max ms |' : '';
  console.log(`\n| size | catalog reply | request → last byte ms | last byte → grid shown ms | click → first cell ms | scroll frame median ms | p95 ms | max ms | frames over 20 ms | scroll stopped → DOM grid ms / longest frame | renderer JS heap / after GC | backend RSS / peak | DOM nodes |${csvHead}`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |${withCsv ? ' --- | --- | --- | --- | --- | --- |' : ''}`);
  for (const r of results) console.log(`| ${r.figures.grid} |`);
  console.log(`(load average at the end: ${loadavg()[0]?.toFixed(1)}; other work on the machine stretches every frame)`);
  if (!interact) return;
  console.log('\nFilters: from the last input event to the frame after the matrix last changed (median of runs; longest frame while it ran):\n');
  console.log('| size | filter | result | answer ms | longest frame ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results) {
    const steps = r.figures.filters[0] ?? [];
    steps.forEach((step, k) => {
      const across = r.figures.filters.map((run) => run[k]).filter((f): f is FilterFigure => f !== undefined);
      console.log(`| ${r.name} | ${step.step} | ${step.result} | ${ms(median(across.map((f) => f.ms)))} | ${ms(median(across.map((f) => f.longestFrame)))} |`);
    });
  }
  console.log('\nTree: the first schema of the database expanded, from the key or click to the frame after its first rows (median of runs):\n');
  console.log('| size | schema | tables | rows in the DOM | ArrowRight → rows ms | tree.relations alone ms | click → rows ms | tree scroll frame p95 ms | max ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const t = r.figures.tree;
    const scroll = t.flatMap((x) => x.scrollFrames);
    const first = t[0];
    if (first === undefined) continue;
    console.log(
      `| ${r.name} | ${first.schema} | ${first.setSize.toLocaleString()} | ${first.rendered} | ${ms(median(t.map((x) => x.keyboardMs)))} | ${ms(median(t.map((x) => x.replyMs)))} | ${ms(median(t.map((x) => x.clickMs)))} | ${quantile(scroll, 0.95).toFixed(1)} | ${Math.max(...scroll).toFixed(1)} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
