import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './src/shared/security/csp';

const root = import.meta.dirname;

/**
 * Puts the CSP meta tag first in index.html, from the one policy source (csp.ts): the built
 * policy in a build, the dev server's (inline React Refresh, its websocket) under `npm run dev`.
 * why: a file:// page in Electron gets no HTTP headers, so the meta tag is its policy.
 */
function contentSecurityPolicyTag(): Plugin {
  return {
    name: 'warden-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (_html, ctx) => {
        const devUrl = ctx.server?.resolvedUrls?.local[0];
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta(devUrl) }, injectTo: 'head-prepend' }];
      },
    },
  };
}

// why: one build serves both shells. `main` has four entries: the Electron main process,
// the browser-mode server and the command line (both plain Node, never importing electron),
// the CSV export's worker thread and the findings worker thread, both started by the backend
// from beside their entry. The preload is CommonJS because sandboxed preloads cannot be ES modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // why: zod ships as ~80 ES modules; loaded from node_modules they cost every start
      // (each CLI run) ~150 ms of resolving and compiling; bundled, only what is used, once.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/electron/main.ts'),
          serve: resolve(root, 'src/main/serve.ts'),
          cli: resolve(root, 'src/main/cli/main.ts'),
          // why: worker threads' entries, started by the backend beside index.js and serve.js.
          exportWorker: resolve(root, 'src/main/backend/export/exportWorker.ts'),
          findingsWorker: resolve(root, 'src/main/backend/findings/findingsWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'src/main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      // why: electron-vite leaves minification off; the renderer loads faster minified (1.17 MB → 0.52 MB).
      // WARDEN_MINIFY=0 keeps names readable in CPU profiles (docs/performance.md).
      minify: process.env['WARDEN_MINIFY'] !== '0',
      // why: the app loads from disk (or 127.0.0.1), not over a network; one 0.52 MB chunk is
      // fine, and Vite's 500 kB warning would greet every first `npm start`.
      chunkSizeWarningLimit: 800,
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    plugins: [contentSecurityPolicyTag(), react()],
  },
});
