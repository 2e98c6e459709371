#!/usr/bin/env node
// `npm run bench`: bundles bench/bench.ts with Vite (kept out of the app build) and runs it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.cache', 'bench-build');
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: { ssr: join(root, 'bench', 'bench.ts'), outDir, emptyOutDir: true, target: 'node20', rollupOptions: { output: { entryFileNames: 'bench.mjs' } } },
});
const child = spawn(process.execPath, [join(outDir, 'bench.mjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
