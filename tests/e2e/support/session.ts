import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTempDir } from '../../support/tempDir';
import { launchChromium } from './browser';
import { startApp, type RunningApp } from './appProcess';

/** A browser-mode Warden on a fresh demo server, and a Chromium page to drive it. */
export interface AppSession {
  app: RunningApp;
  page: Page;
  /** The temp folder holding the app's data folder (`<dir>/data`). */
  dir: string;
  /** Stops Warden (checking it stops cleanly) and starts it again on the same data folder. */
  restart(): Promise<RunningApp>;
}

/**
 * Registers beforeAll/afterAll hooks for one test file: starts the app and Chromium in
 * parallel, and on the way out checks the app stops cleanly. Call at the top of a file.
 */
export function useAppSession(viewport: { width: number; height: number }): () => AppSession {
  let session: AppSession | undefined;
  let browser: Browser | undefined;
  let remove: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const dir = await makeTempDir('e2e');
    remove = dir.remove;
    // why: both are started at once; when one fails, the other is stopped here, not left running.
    const [started, launching] = await Promise.allSettled([startApp(join(dir.path, 'data')), launchChromium()]);
    if (started.status === 'rejected' || launching.status === 'rejected') {
      if (started.status === 'fulfilled') await started.value.stop('SIGTERM');
      if (launching.status === 'fulfilled') await launching.value.close();
      throw started.status === 'rejected' ? started.reason : (launching as PromiseRejectedResult).reason;
    }
    const app = started.value;
    const launched = launching.value;
    browser = launched;
    const page = await launched.newPage({ viewport, acceptDownloads: true });
    const restart = async () => {
      if (!session) throw new Error('No session to restart.');
      const code = await session.app.stop('SIGTERM');
      expect(code, `Warden exited with ${String(code)} on SIGTERM; its output:\n${session.app.output().slice(-4000)}`).toBe(0);
      session.app = await startApp(join(dir.path, 'data'));
      return session.app;
    };
    session = { app, page, dir: dir.path, restart };
  });
  afterAll(async () => {
    await browser?.close();
    if (session) {
      const code = await session.app.stop('SIGTERM');
      // why: say what the app printed when it did not stop cleanly, or the failure is a bare number.
      expect(code, `Warden exited with ${String(code)} on SIGTERM; its output:\n${session.app.output().slice(-4000)}`).toBe(0);
    }
    await remove?.();
  });
  return () => {
    if (!session) throw new Error('The app session is not started yet (use it inside tests or hooks).');
    return session;
  };
}
