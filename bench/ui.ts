import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/support/browser';
import { catalogByKey, serverFor } from './clusters';
import { signIn, type SignedInClient } from '../tests/support/httpSignIn';

// `npm run bench:ui [-- --sizes L,dense-L --runs 3 --csv]`: opens the privilege matrix of a benchmark
// catalog in browser-mode Warden (the built out/) with a real Chromium, and reports how
// long after the catalog's last byte arrived the grid shows its first cells, then how
// smoothly it scrolls (frame intervals while scrolling both axes, one step per frame).

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

/** Starts out/main/serve.js without the demo server; resolves with its sign-in URL. */
async function startWarden(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(process.cwd(), 'out', 'main', 'serve.js')], {
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
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Calls one contract method over browser mode's HTTP API, signed in as the page is. */
async function invoke(client: SignedInClient, method: string, input: unknown): Promise<unknown> {
  const reply = (await client.invoke(method, input)).body;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
}

/** Sets up, in the page, a promise for the moment the first grid cell is in the DOM. */
const watchGrid = () => {
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
const gridTimes = async () => {
  const w = window as unknown as { gridShown: Promise<number>; clickedAt: number };
  const shown = await w.gridShown;
  const replies = performance.getEntriesByType('resource').filter((e): e is PerformanceResourceTiming => e.name.endsWith('/api/invoke'));
  const catalog = replies.reduce((a, b) => (b.encodedBodySize > a.encodedBodySize ? b : a));
  return { clicked: w.clickedAt, arrived: catalog.responseEnd, requested: catalog.startTime, shown, bytes: catalog.encodedBodySize };
};

/**
 * `--csv`: also click Download CSV (the backend's worker streams it into the browser's
 * download) and record every frame interval, and the server's reply times, until the file is there.
 */
const withCsv = args.includes('--csv');

/**
 * In the page: starts recording frame intervals (requestAnimationFrame) and, one call after
 * another, how long the server takes to answer `app.info` (is the backend free?) until stopProbe.
 */
const startProbe = () => {
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
 * when each ended (ms after the probe started) and the reply times.
 */
const stopProbe = () => {
  const w = window as unknown as { probe: { frames: number[]; ends: number[]; replies: number[]; tasks: number[]; on: boolean; last: number; start: number } };
  w.probe.on = false;
  const now = performance.now();
  return { frames: [...w.probe.frames, now - w.probe.last], ends: [...w.probe.ends, now - w.probe.start], replies: w.probe.replies, tasks: w.probe.tasks };
};

/** In the page: scrolls the grid one step per frame and returns the frame intervals in ms. */
const scrollFrames = async () => {
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
  return frames;
};

async function main(): Promise<void> {
  console.log(`Warden grid benchmark: ${runs} runs per size, Chromium headless, built app in out/`);
  const browser = await launchChromium();
  // why: one page for every size and run, reloaded each time: the bundled Chromium runs
  // single-process and closing its last page ends it.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const rows: string[] = [];
  for (const catalog of wanted) {
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
      const conn = (await invoke(client, 'connections.add', { name: `bench ${name}`, host, port, user, password, database: 'bench', sslmode: 'disable', save: false })) as { name: string };
      const opened: number[] = [];
      const clickToCell: number[] = [];
      const loads: number[] = [];
      const frames: number[] = [];
      const csvFrames: number[] = [];
      const csvReplies: number[] = [];
      const idleFrames: number[] = [];
      const csvTimes: number[] = [];
      let csvBytes = 0;
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        await page.goto(`${client.origin}/`);
        const tree = page.getByRole('tree', { name: 'Database objects' });
        await tree.getByRole('treeitem', { name: conn.name, exact: true }).click();
        const db = tree.getByRole('treeitem', { name: 'bench', exact: true });
        await db.waitFor({ timeout: 60_000 });
        await page.evaluate(watchGrid);
        const cdp = profileTo ? await page.context().newCDPSession(page) : null;
        await cdp?.send('Profiler.enable');
        await cdp?.send('Profiler.start');
        await db.click();
        const t = await page.evaluate(gridTimes);
        if (cdp && profileTo) {
          const { profile } = await cdp.send('Profiler.stop');
          await writeFile(profileTo, JSON.stringify(profile));
          console.log(`CPU profile of the page written to ${profileTo}`);
        }
        opened.push(t.shown - t.arrived);
        clickToCell.push(t.shown - t.clicked);
        loads.push(t.arrived - t.requested);
        bytes = t.bytes;
        frames.push(...(await page.evaluate(scrollFrames)));
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
      rows.push(
        [
          name,
          `${(bytes / 1024 / 1024).toFixed(1)} MB`,
          median(loads).toFixed(0),
          median(opened).toFixed(0),
          median(clickToCell).toFixed(0),
          median(frames).toFixed(1),
          quantile(frames, 0.95).toFixed(1),
          Math.max(...frames).toFixed(1),
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
        ].join(' | '),
      );
    } finally {
      warden.stop();
      await cluster.server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  await browser.close();
  const csvHead = withCsv ? ' CSV size | CSV click → file ms | CSV frames p95 ms | CSV longest frame ms | app.info reply while it runs, median / max ms | idle frames (3 s, nothing running) p95 / max ms |' : '';
  console.log(`\n| size | catalog reply | request → last byte ms | last byte → grid shown ms | click → first cell ms | scroll frame median ms | p95 ms | max ms |${csvHead}`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |${withCsv ? ' --- | --- | --- | --- | --- | --- |' : ''}`);
  for (const r of rows) console.log(`| ${r} |`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
