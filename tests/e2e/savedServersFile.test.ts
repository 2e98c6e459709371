import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startApp, type RunningApp } from './support/appProcess';
import { makeTempDir } from '../support/tempDir';

// A corrupt connections.json on start: the user is told in plain words where it went, and
// the demo server is there to work on as usual.
let dir: Awaited<ReturnType<typeof makeTempDir>>;
let app: RunningApp | undefined;
let browser: Browser | undefined;
const corrupt = '{"version": 1, "connections": [{"id": "x", "name": "Half written';

beforeAll(async () => {
  dir = await makeTempDir('corrupt');
  await mkdir(join(dir.path, 'data'), { recursive: true });
  await writeFile(join(dir.path, 'data', 'connections.json'), corrupt);
  [app, browser] = await Promise.all([startApp(join(dir.path, 'data')), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  if (app) expect(await app.stop('SIGTERM')).toBe(0);
  await dir.remove();
});

describe('a corrupt saved servers file', () => {
  it('is named in a plain message and kept aside, and the demo server still shows', async () => {
    if (!app || !browser) throw new Error('The app did not start.');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    const alert = page.getByRole('alert').filter({ hasText: 'saved servers file' });
    await expect.poll(() => alert.count(), { timeout: 60_000 }).toBe(1);
    const aside = (await readdir(join(dir.path, 'data'))).find((f) => f.startsWith('connections.json.corrupt-')) ?? 'none';
    expect(await alert.textContent()).toMatch(new RegExp(`could not be read \\(it is not valid JSON\\)\\. It was kept as .*${aside.replaceAll('.', '\\.')}; Warden starts without saved servers\\.`));
    const tree = page.getByRole('tree', { name: 'Database objects' });
    await expect.poll(() => tree.getByRole('treeitem', { name: 'datatweets', exact: true }).count(), { timeout: 60_000 }).toBe(1);
  });
});
