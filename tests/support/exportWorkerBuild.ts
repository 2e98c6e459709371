import { buildWorkerFromSources } from './workerBuild';

/** The CSV export's worker (out/main/exportWorker.js in the app) built from the sources into a temp folder. */
export function buildExportWorker(): Promise<{ url: URL; remove: () => Promise<void> }> {
  return buildWorkerFromSources('export/exportWorker.ts', 'exportWorker');
}
