#!/usr/bin/env node
// `npm run screenshots`: builds Warden when stale, then bundles scripts/screenshots/shoot.ts
// with Vite (kept out of the app build) and runs it: browser mode on a fresh demo server,
// a real Chromium, docs/screenshots/*.png and the README's image references refreshed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'vite';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale();
const outDir = join(root, '.cache', 'screenshots-build');
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: join(root, 'scripts', 'screenshots', 'shoot.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'shoot.mjs' } },
  },
});
const child = spawn(process.execPath, [join(outDir, 'shoot.mjs')], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
