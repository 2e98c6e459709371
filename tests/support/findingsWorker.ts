import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { makeTempDir } from './tempDir';

const root = join(import.meta.dirname, '..', '..');

/**
 * The findings worker built from the sources into a temp folder, as electron-vite builds it
 * for the app (out/main/findingsWorker.js), for tests that run the backend from the sources:
 * a worker_thread runs JavaScript, not the TypeScript vitest reads. zod is bundled in, so the
 * file runs from anywhere.
 */
export async function buildFindingsWorker(): Promise<{ url: URL; remove: () => Promise<void> }> {
  const dir = await makeTempDir('findings-worker');
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      ssr: { noExternal: true },
      build: {
        ssr: join(root, 'src', 'main', 'backend', 'findings', 'findingsWorker.ts'),
        outDir: dir.path,
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { output: { entryFileNames: 'findingsWorker.mjs' } },
      },
    });
  } catch (err) {
    await dir.remove();
    throw err;
  }
  return { url: pathToFileURL(join(dir.path, 'findingsWorker.mjs')), remove: dir.remove };
}
