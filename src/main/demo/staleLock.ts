import { execFile } from 'node:child_process';
import { readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

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

/** A process's arguments: /proc on Linux, ps on macOS; null where neither can tell (Windows). */
export async function processArgs(pid: number, platform: NodeJS.Platform = process.platform): Promise<string[] | null> {
  if (platform === 'linux') {
    const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
    return raw === null ? null : raw.split('\0').filter((a) => a !== '');
  }
  if (platform === 'darwin') {
    // why: ps prints the command line as one string; names with spaces cannot be split back,
    // so the caller compares against the whole line.
    const line = await new Promise<string | null>((resolve) =>
      execFile('ps', ['-p', String(pid), '-o', 'command='], (err, out) => resolve(err ? null : out.trim())),
    );
    return line === null || line === '' ? null : [line];
  }
  return null;
}

/**
 * True only when `pid` is provably the postmaster of `dataDir`: the pid file names that
 * folder, and the process is a postgres program started with `-D dataDir`. why: a pid file
 * outlives its process and PIDs are reused (quickly on macOS and Windows); signalling an
 * unchecked PID could stop some other program of the user's.
 */
export async function isOurPostmaster(pid: number, dataDir: string, pidFileText: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const recordedDir = pidFileText.split('\n')[1]?.trim();
  const dirs = new Set([dataDir, resolve(dataDir), await realpath(dataDir).catch(() => dataDir)]);
  if (recordedDir === undefined || !dirs.has(recordedDir)) return false;
  const args = await processArgs(pid, platform);
  if (args === null || args.length === 0) return false;
  if (args.length === 1) {
    const line = args[0] ?? '';
    return /(^|\/)postgres(\s|$)/.test(line) && [...dirs].some((d) => line.includes(` -D ${d}`));
  }
  const program = args[0] ?? '';
  const at = args.indexOf('-D');
  return /(^|[\\/])postgres(\.exe)?$/.test(program) && at >= 0 && dirs.has(args[at + 1] ?? '');
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
 * shutdown, but only once isOurPostmaster proved the PID is it. A pid file naming a dead
 * or unrelated process is removed; a live process that cannot be checked is left alone and
 * reported in plain words.
 */
export async function clearStaleLock(dataDir: string): Promise<'none' | 'removed' | 'stopped-orphan'> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  if (text === null) return 'none';
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
    if (await isOurPostmaster(pid, dataDir, text)) {
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) {
        process.kill(pid, 'SIGQUIT');
        await waitForExit(pid, 5_000);
      }
      await rm(pidFile, { force: true });
      return 'stopped-orphan';
    }
    if ((await processArgs(pid)) === null) {
      throw new Error(
        `${pidFile} names process ${pid}, which is running, and Warden cannot check whether it is the demo's PostgreSQL. Stop that process if it is, or delete the file.`,
      );
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
    const args = await processArgs(holder);
    const cmd = args === null ? null : args.join(' ');
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
