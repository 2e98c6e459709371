import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend/backend';
import { startHttpTransport } from './transports/http';
import { defaultDataDir } from './paths';

// Browser mode: the same backend as Electron, served over HTTP on 127.0.0.1.
const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, '..', 'renderer');
const findingsWorker = new URL('./findingsWorker.js', import.meta.url);
const version = process.env.npm_package_version ?? '0.1.0';

async function main(): Promise<void> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    console.error(`The UI is not built (no ${staticDir}/index.html). Run "npm run build" first.`);
    process.exit(1);
  }
  if (!existsSync(findingsWorker)) {
    console.error(`The findings worker is not built (no ${fileURLToPath(findingsWorker)}). Run "npm run build" first.`);
    process.exit(1);
  }
  const dataDir = defaultDataDir();
  const backend = createBackend({
    dataDir,
    mode: 'browser',
    version,
    sealer: null,
    exportWorker: new URL('./exportWorker.js', import.meta.url),
    findingsWorker,
    demo: process.env.WARDEN_NO_DEMO !== '1',
    ...(process.env.WARDEN_PG_PACKAGE ? { demoBinariesPackage: process.env.WARDEN_PG_PACKAGE } : {}),
  });
  const requestedPort = Number(process.env.WARDEN_PORT ?? '0');
  const http = await startHttpTransport({
    dispatch: backend.dispatch,
    downloads: backend.downloads,
    staticDir,
    port: Number.isInteger(requestedPort) && requestedPort >= 0 ? requestedPort : 0,
  });
  // why: the address holds a one-time code (see BrowserSession); once a browser used it, the
  // next one is printed here, the only place it appears, for opening Warden elsewhere.
  console.log(`Warden is running in browser mode: ${http.signInUrl()}`);
  http.onSignIn(() => console.log(`A browser signed in. To open Warden in another browser: ${http.signInUrl()}`));
  if (backend.demo) {
    backend.demo.start().then(
      () => {
        const s = backend.demo?.lastStart;
        console.log(`Demo server ready in ${s?.ms ?? '?'} ms${s?.seeded ? ' (seeded the lesson data)' : ''}; data in ${dataDir}`);
      },
      (err: unknown) => console.error(err instanceof Error ? err.message : String(err)),
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    void Promise.all([http.close(), backend.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Warden could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
