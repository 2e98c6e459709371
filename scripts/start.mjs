#!/usr/bin/env node
// `npm start`: Electron when its runtime is installed, else browser mode (said in one line).
// `npm run serve` (--browser): browser mode directly. Builds first when the sources changed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const browserOnly = process.argv.includes('--browser');

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

// why: the browser's command line (and xdg-open's) is readable by every local user in
// /proc/PID/cmdline; the address carries a one-time code that is dead once the browser used it.
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
      const m = /(http:\/\/127\.0\.0\.1:\d+\/sign-in\?code=[\w-]+)/.exec(text);
      if (m && !opened) {
        opened = true;
        openInBrowser(m[1]);
      }
    });
  }
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildIfStale({ outputs: ['main/serve.js', 'main/cli.js', 'main/findingsWorker.js'] });
const electron = browserOnly ? null : electronBinary();
if (electron) {
  run(electron, [root], false);
} else {
  if (!browserOnly) console.log('The Electron runtime is not installed (its download host is unreachable here); starting browser mode instead.');
  run(process.execPath, [join(root, 'out', 'main', 'serve.js')], true);
}
