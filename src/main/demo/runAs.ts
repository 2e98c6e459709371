import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, chown, cp, lstat, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The OS account PostgreSQL runs as; absent when Warden itself is not root. */
export interface OsAccount {
  uid: number;
  gid: number;
}

/** True when this process runs as root, where PostgreSQL refuses to start. */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function idOf(flag: '-u' | '-g', user: string): number | null {
  try {
    return Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/**
 * why: PostgreSQL will not run as root (CI and containers run as root), so the server runs
 * as the `postgres` OS user, created as a system account when it does not exist.
 */
export function serverAccount(): OsAccount | undefined {
  if (!isRoot()) return undefined;
  let uid = idOf('-u', 'postgres');
  if (uid === null) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      encoding: 'utf8',
    });
    if (made.status !== 0) {
      throw new Error(`Running as root, Warden needs an OS user "postgres" for the demo server and could not create it: ${made.stderr.trim()}`);
    }
    uid = idOf('-u', 'postgres');
  }
  const gid = idOf('-g', 'postgres');
  if (uid === null || gid === null) throw new Error('The OS user "postgres" could not be looked up.');
  return { uid, gid };
}

/** True when `account` can do `test <flag> path` (e.g. -x to run, -w to write). */
export function accountCan(account: OsAccount | undefined, flag: '-x' | '-w' | '-r', path: string): boolean {
  if (!account) return true;
  return spawnSync('test', [flag, path], { uid: account.uid, gid: account.gid }).status === 0;
}

/**
 * Creates `dir` (and missing parents) and makes it private to this OS user: 0700. Run as
 * root, PostgreSQL runs as `account` (see serverAccount) and must pass through the data
 * folder and demo/ to reach its cluster folder inside; then the folder is 0710 with the
 * account's group, the tightest mode that works: that group may pass through to names it
 * knows, nobody may list it, and every other user is kept out. A folder that belongs to
 * another user is left as it is.
 */
export async function makePrivateDir(dir: string, account: OsAccount | undefined): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await stat(dir);
  if (!info.isDirectory()) throw new Error(`${dir} is not a folder.`);
  if (typeof process.getuid !== 'function' || info.uid !== process.getuid()) return;
  if (account !== undefined && info.gid !== account.gid) await chown(dir, info.uid, account.gid);
  const mode = account === undefined ? 0o700 : 0o710;
  if ((info.mode & 0o7777) !== mode) await chmod(dir, mode);
}

/** The PostgreSQL programs to run, and how to clean up after them. */
export interface RunnableBinaries {
  binDir: string;
  /** Removes a private runtime copy, if one was made. */
  remove: () => Promise<void>;
}

/**
 * why: as root, node_modules may sit under a directory the postgres user cannot enter
 * (/root is 0700). Then the binaries are copied to a fresh directory made by mkdtemp (a
 * name nobody can guess or plant beforehand), checked to be root's own, not a link, and
 * writable by root alone, then opened (0711) for the postgres user to run. It is removed
 * when the server stops.
 */
export async function reachableBinDir(account: OsAccount | undefined, postgresBin: string): Promise<RunnableBinaries> {
  const binDir = dirname(postgresBin);
  if (accountCan(account, '-x', postgresBin)) return { binDir, remove: () => Promise.resolve() };
  const nativeDir = dirname(binDir);
  const target = await mkdtemp(join(tmpdir(), 'warden-pg-runtime-'));
  const remove = () => rm(target, { recursive: true, force: true });
  try {
    await checkOwnPrivateDir(target);
    await cp(nativeDir, join(target, 'native'), { recursive: true, verbatimSymlinks: true });
    await chmod(target, 0o711);
    const runtimeBin = join(target, 'native', 'bin');
    if (!accountCan(account, '-x', join(runtimeBin, 'postgres'))) {
      throw new Error(`The OS user "postgres" cannot run the PostgreSQL binaries copied to ${target}.`);
    }
    return { binDir: runtimeBin, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

/** Throws unless `dir` is a real folder owned by this process's user and writable by it alone. */
export async function checkOwnPrivateDir(dir: string): Promise<void> {
  const info = await lstat(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : info.uid;
  if (!info.isDirectory() || info.isSymbolicLink() || info.uid !== uid || (info.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a private folder of this user; refusing to run PostgreSQL from it.`);
  }
}
