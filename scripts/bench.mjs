#!/usr/bin/env node
// `npm run bench`: bundles bench/bench.ts with Vite (kept out of the app build) and runs it.
// `npm run bench:ui` (`--ui`): the same for bench/ui.ts, after building the app if stale.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildIfStale } from './build-if-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.cache', 'bench-build');
const ui = process.argv.includes('--ui');
// why: the UI bench opens the built app; --processes runs the built CLI.
if (ui) buildIfStale();
else if (process.argv.includes('--processes')) buildIfStale({ outputs: ['main/cli.js'] });
const entry = ui ? 'ui' : process.argv.includes('--findings') ? 'findings' : process.argv.includes('--views') ? 'views' : 'bench';
// why: the findings bench starts the backend's findings worker thread, built beside it.
const inputs = { [entry]: join(root, 'bench', `${entry}.ts`), ...(entry === 'findings' ? { findingsWorker: join(root, 'src', 'main', 'backend', 'findings', 'findingsWorker.ts') } : {}) };
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: { ssr: true, outDir, emptyOutDir: true, target: 'node20', rollupOptions: { input: inputs, output: { entryFileNames: '[name].mjs' } } },
});
const rest = process.argv.slice(2).filter((a) => a !== '--ui' && a !== '--findings' && a !== '--views');
const child = spawn(process.execPath, [join(outDir, `${entry}.mjs`), ...rest], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
