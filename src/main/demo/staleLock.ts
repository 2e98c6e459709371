import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

async function commandLine(pid: number): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  return readFile(`/proc/${pid}/cmdline`, 'utf8').then((s) => s.replace(/\0/g, ' '), () => null);
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(100);
  }
  return !processAlive(pid);
}

/**
 * Makes a data directory startable after a crash. The caller holds the instance lock, so a
 * live postmaster on this directory is an orphan of a Warden that died: it gets a fast
 * shutdown. A pid file naming a dead or unrelated process is removed.
 */
export async function clearStaleLock(dataDir: string): Promise<'none' | 'removed' | 'stopped-orphan'> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  if (text === null) return 'none';
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    const cmd = await commandLine(pid);
    const isPostgres = cmd === null || (cmd.includes('postgres') && cmd.includes(dataDir));
    if (isPostgres) {
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) {
        process.kill(pid, 'SIGQUIT');
        await waitForExit(pid, 5_000);
      }
      await rm(pidFile, { force: true });
      return 'stopped-orphan';
    }
  }
  await rm(pidFile, { force: true });
  return 'removed';
}

/**
 * One Warden per data directory: writes our pid to `lockFile`, or fails in plain words
 * when another live Warden holds it. A lock left by a dead process is taken over.
 */
export async function takeInstanceLock(lockFile: string): Promise<() => Promise<void>> {
  const text = await readFile(lockFile, 'utf8').catch(() => null);
  const holder = text === null ? NaN : Number(text.trim());
  if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
    const cmd = await commandLine(holder);
    if (cmd === null || cmd.includes('node') || cmd.includes('electron') || cmd.includes('warden')) {
      throw new Error(
        `Another Warden (process ${holder}) is using the demo server in this data folder. Close it first, or set WARDEN_DATA_DIR to another folder.`,
      );
    }
  }
  await writeFile(lockFile, `${process.pid}\n`, { mode: 0o600 });
  return async () => {
    const now = await readFile(lockFile, 'utf8').catch(() => '');
    if (now.trim() === String(process.pid)) await rm(lockFile, { force: true });
  };
}
