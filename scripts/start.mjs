#!/usr/bin/env node
// `npm start`: Electron when its runtime is installed, else browser mode (said in one line).
// `npm run serve` (--browser): browser mode directly. Builds first when the sources changed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const browserOnly = process.argv.includes('--browser');
const stamp = join(root, 'out', '.build-stamp');

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildIfStale() {
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
  const sourceTime = Math.max(...inputs.map(newestMtime));
  const builtTime = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (builtTime >= sourceTime && existsSync(join(root, 'out', 'main', 'serve.js'))) return;
  console.log('Building Warden…');
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

/** The Electron executable, when its runtime was downloaded; never triggers a download. */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const exe = join(base, rel);
  return existsSync(exe) ? exe : null;
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => existsSync(join(d, cmd)));
}

function openInBrowser(url) {
  if (process.env.CI || process.env.WARDEN_NO_OPEN === '1') return;
  if (process.platform === 'darwin') return void spawn('open', [url], { stdio: 'ignore', detached: true }).unref();
  if (process.platform === 'win32') return void spawn('cmd', ['/c', 'start', '', url], { stdio: 'ignore', detached: true }).unref();
  if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }
}

function run(cmd, args, watchForUrl) {
  const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', watchForUrl ? 'pipe' : 'inherit', 'inherit'] });
  if (watchForUrl) {
    let opened = false;
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      process.stdout.write(text);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(text);
      if (m && !opened) {
        opened = true;
        openInBrowser(m[1]);
      }
    });
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildIfStale();
const electron = browserOnly ? null : electronBinary();
if (electron) {
  run(electron, [root], false);
} else {
  if (!browserOnly) console.log('The Electron runtime is not installed (its download host is unreachable here); starting browser mode instead.');
  run(process.execPath, [join(root, 'out', 'main', 'serve.js')], true);
}
