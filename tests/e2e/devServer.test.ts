import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type PluginOption, type ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import config from '../../electron.vite.config';
import { freePort } from '../../src/main/demo/embeddedServer';
import { contentSecurityPolicyMeta } from '../../src/shared/security/csp';
import { launchChromium } from './support/browser';

// `npm run dev` is electron-vite's dev server for the renderer plus the Electron binary,
// which cannot be downloaded here: this starts the same renderer dev server from
// electron.vite.config.ts and checks that the page runs under the policy csp.ts gives it.
const root = join(import.meta.dirname, '..', '..');
let server: ViteDevServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (typeof config !== 'object' || !('renderer' in config) || config.renderer === undefined || typeof config.renderer !== 'object') {
    throw new Error('electron.vite.config.ts has no renderer section.');
  }
  const renderer = config.renderer as { plugins?: PluginOption[] };
  const port = await freePort();
  server = await createServer({
    configFile: false,
    root: join(root, 'src', 'renderer'),
    plugins: renderer.plugins ?? [],
    logLevel: 'silent',
    server: { host: '127.0.0.1', port, strictPort: true },
  });
  await server.listen();
  url = `http://127.0.0.1:${port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('the renderer dev server (npm run dev)', () => {
  it('serves the page with the development policy from csp.ts, and React runs under it', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(url);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(contentSecurityPolicyMeta(url));
    expect(meta).toContain("'unsafe-inline'");
    expect(meta).toContain(`ws://127.0.0.1:${new URL(url).port}`);
    // React Refresh's inline preamble and the app both ran: the root has content.
    await expect.poll(() => page.locator('#root > *').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await page.close();
  });
});
