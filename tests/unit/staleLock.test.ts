import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isOurPostmaster, processArgs } from '../../src/main/demo/staleLock';

const dataDir = '/tmp/warden-test/cluster/pgdata';
const pidFile = (dir: string, pid = 1) => `${pid}\n${dir}\n1700000000\n5432\n`;
const running: ChildProcess[] = [];

/** A live process whose command line reads `<argv0> -e … -- <args>`, like a postmaster's would. */
async function fakeProcess(argv0: string, args: string[]): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '--', ...args], { argv0, stdio: 'ignore' });
  running.push(child);
  await new Promise((r) => setTimeout(r, 200));
  if (child.pid === undefined) throw new Error('The fake process did not start.');
  return child.pid;
}

afterEach(() => {
  for (const c of running.splice(0)) c.kill('SIGKILL');
});

describe.runIf(process.platform === 'linux')('isOurPostmaster (Linux, /proc)', () => {
  it('knows a postgres started on this data folder', async () => {
    const pid = await fakeProcess('/opt/pg/bin/postgres', ['-D', dataDir, '-p', '5432']);
    expect(await processArgs(pid)).toContain(dataDir);
    expect(await isOurPostmaster(pid, dataDir, pidFile(dataDir, pid))).toBe(true);
  });

  it('refuses a postgres of another data folder, a pid file naming another folder, and any other program', async () => {
    const other = await fakeProcess('/opt/pg/bin/postgres', ['-D', '/srv/other/pgdata']);
    expect(await isOurPostmaster(other, dataDir, pidFile(dataDir, other))).toBe(false);
    const ours = await fakeProcess('/opt/pg/bin/postgres', ['-D', dataDir]);
    expect(await isOurPostmaster(ours, dataDir, pidFile('/srv/other/pgdata', ours))).toBe(false);
    const impostor = await fakeProcess('/usr/bin/not-postgres', ['-D', dataDir]);
    expect(await isOurPostmaster(impostor, dataDir, pidFile(dataDir, impostor))).toBe(false);
    // The test runner itself: a reused PID now belonging to some node program.
    expect(await isOurPostmaster(process.pid, dataDir, pidFile(dataDir, process.pid))).toBe(false);
  });

  it('refuses a PID that no longer exists', async () => {
    const gone = 2 ** 22 - 5;
    expect(await processArgs(gone)).toBeNull();
    expect(await isOurPostmaster(gone, dataDir, pidFile(dataDir, gone))).toBe(false);
  });
});

describe('isOurPostmaster where the process list cannot be read', () => {
  it('never says yes on a platform it cannot check (Windows)', async () => {
    expect(await processArgs(process.pid, 'win32')).toBeNull();
    expect(await isOurPostmaster(process.pid, dataDir, pidFile(dataDir), 'win32')).toBe(false);
  });
});
