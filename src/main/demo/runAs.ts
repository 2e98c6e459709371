import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
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
 * why: as root, node_modules may sit under a directory the postgres user cannot enter
 * (/root is 0700). Then the binaries are copied once to a world-readable cache.
 */
export async function reachableBinDir(account: OsAccount | undefined, postgresBin: string): Promise<string> {
  const binDir = dirname(postgresBin);
  if (accountCan(account, '-x', postgresBin)) return binDir;
  const nativeDir = dirname(binDir);
  const key = createHash('sha256').update(nativeDir).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `warden-pg-runtime-${key}`);
  const marker = join(target, 'bin', 'postgres');
  const exists = await stat(marker).then(() => true, () => false);
  if (!exists) {
    // why: copy beside, then rename, so two processes starting at once never see half a copy.
    const staging = `${target}.${process.pid}`;
    await mkdir(staging, { recursive: true, mode: 0o755 });
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await rename(staging, target).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return join(target, 'bin');
}
