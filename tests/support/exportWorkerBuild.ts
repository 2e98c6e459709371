import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = join(import.meta.dirname, '..', '..');

/**
 * Builds the CSV export's worker thread (src/main/backend/export/exportWorker.ts) from the
 * sources, as the app build does, into .cache/ (untracked); its URL for createBackend.
 * why: a worker thread runs plain JavaScript, so the TypeScript the tests import cannot be
 * handed to it as it is; inside the repository, its `pg` import resolves from node_modules.
 */
export async function buildExportWorker(): Promise<URL> {
  const outDir = join(root, '.cache', 'test-export-worker');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: join(root, 'src', 'main', 'backend', 'export', 'exportWorker.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'exportWorker.mjs' } },
    },
  });
  return pathToFileURL(join(outDir, 'exportWorker.mjs'));
}
