// Shared by scripts/start.mjs and scripts/cli.mjs: runs `electron-vite build` when the
// sources are newer than the last build (or an expected output is missing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'out', '.build-stamp');

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Builds when stale. `outputs` are paths under out/ that must exist; `log` receives the
 * one-line notice; `buildStdout` is where the build's own output goes ('inherit', or
 * 2 to keep stdout clean for the command line).
 */
export function buildIfStale({ outputs = ['main/serve.js'], log = console.log, buildStdout = 'inherit' } = {}) {
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
  const sourceTime = Math.max(...inputs.map(newestMtime));
  const builtTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (builtTime >= sourceTime && outputs.every((o) => existsSync(join(root, 'out', o)))) return;
  log('Building Warden…');
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', buildStdout, 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}
