import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { makeTempDir } from './tempDir';

const root = join(import.meta.dirname, '..', '..');

/**
 * A worker thread's entry (a path under src/main/backend) built from the sources into a
 * temp folder, as electron-vite builds it for the app (out/main/<name>.js), for tests that
 * run the backend from the sources: a worker_thread runs JavaScript, not the TypeScript
 * vitest reads. Its dependencies (zod, pg) are bundled in, so the file runs from anywhere.
 */
export async function buildWorkerFromSources(entry: string, name: string): Promise<{ url: URL; remove: () => Promise<void> }> {
  const dir = await makeTempDir(name);
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'warn',
      ssr: { noExternal: true },
      build: {
        ssr: join(root, 'src', 'main', 'backend', ...entry.split('/')),
        outDir: dir.path,
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { output: { entryFileNames: `${name}.mjs` } },
      },
    });
  } catch (err) {
    await dir.remove();
    throw err;
  }
  return { url: pathToFileURL(join(dir.path, `${name}.mjs`)), remove: dir.remove };
}
