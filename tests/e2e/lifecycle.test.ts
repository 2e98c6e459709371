import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from './support/appProcess';
import { processAlive } from '../../src/main/demo/staleLock';
import { makeTempDir } from '../support/tempDir';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir('life');
});
afterAll(async () => {
  await dir.remove();
});

const readyMs = (line: string) => Number(/ready in (\d+) ms/.exec(line)?.[1]);

describe('browser mode process life', () => {
  it('seeds on first start, not on a warm start, and stops its server on SIGTERM', async () => {
    const data = join(dir.path, 'data');
    const first = await startApp(data);
    const firstLine = await first.demoReady;
    expect(firstLine).toContain('seeded the lesson data');
    expect(await first.stop('SIGTERM')).toBe(0);
    const warm = await startApp(data);
    const warmLine = await warm.demoReady;
    expect(warmLine).not.toContain('seeded');
    const pidFile = join(data, 'demo', 'cluster', 'pgdata', 'postmaster.pid');
    const pgPid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    expect(processAlive(pgPid)).toBe(true);
    expect(await warm.stop('SIGTERM')).toBe(0);
    await expect.poll(() => processAlive(pgPid), { timeout: 15_000 }).toBe(false);
    console.log(`demo start: first ${readyMs(firstLine)} ms, warm ${readyMs(warmLine)} ms`);
  });

  it('recovers after a crash left its PostgreSQL running with the lock held', async () => {
    const data = join(dir.path, 'data');
    const crashed = await startApp(data);
    await crashed.demoReady;
    const pidFile = join(data, 'demo', 'cluster', 'pgdata', 'postmaster.pid');
    const orphan = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    await crashed.stop('SIGKILL'); // no clean-up runs: the server is orphaned
    expect(processAlive(orphan)).toBe(true);
    const next = await startApp(data);
    const line = await next.demoReady;
    expect(line).not.toContain('seeded');
    expect(processAlive(orphan)).toBe(false);
    expect(await next.stop('SIGTERM')).toBe(0);
  });
});
