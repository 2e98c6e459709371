import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/api/errors';
import { csvExportMessages } from '../../../shared/privileges/matrixExportMessages';
import { loadCatalogPooled } from '../catalog/loadPooled';
import { ConnectionRegistry } from '../connectionRegistry';
import { creditWindow, exportJobSpecSchema, type ExportWorkerMessage } from './exportProtocol';

// The export worker (built to out/main/exportWorker.js): reads one database's catalog over
// its own connections, as the CLI does, and posts the CSV in chunks, never more than
// creditWindow ahead of what the sink (the file, the HTTP response) has taken.
// why: a thread of its own, so the Electron main process and the browser-mode server keep
// answering while millions of rows are written; Cancel is terminating it.

// why: the export is background work; on a busy machine the window and the server's
// answers come first. On Linux a thread has its own nice value, so this lowers this thread
// only (elsewhere it would lower the whole app, so it is left alone there).
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // A nice value that cannot be set changes nothing but the priority.
  }
}

const port = parentPort;
if (port === null) throw new Error('exportWorker.ts runs as a worker thread.');
const spec = exportJobSpecSchema.parse(workerData);

let credits = creditWindow;
let waiting: (() => void) | null = null;
port.on('message', (m: unknown) => {
  if (typeof m === 'object' && m !== null && 'type' in m && m.type === 'credit') {
    credits++;
    waiting?.();
    waiting = null;
  }
});
const post = (m: ExportWorkerMessage) => port.postMessage(m, m.type === 'chunk' ? [m.bytes.buffer] : []);

async function run(): Promise<void> {
  const registry = new ConnectionRegistry(spec.connectTimeoutSeconds);
  const snapshot = await loadCatalogPooled(registry, 'export', spec.params, spec.database).finally(() => registry.closeAll());
  if (spec.schema !== null && !snapshot.schemas.some((s) => s.name === spec.schema)) {
    throw new UserError('not_found', `The database "${snapshot.database.name}" has no schema called "${spec.schema}".`);
  }
  for (const m of csvExportMessages({ snapshot, filter: spec.schema === null ? {} : { schema: spec.schema } })) {
    if (m.type === 'error') throw new Error(m.message);
    if (m.type === 'chunk') {
      if (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
      credits--;
    }
    post(m);
  }
}

run().catch((err: unknown) => {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err), plain: err instanceof UserError });
});
