import { buildWorkerFromSources } from './workerBuild';

/** The findings worker (out/main/findingsWorker.js in the app) built from the sources into a temp folder. */
export function buildFindingsWorker(): Promise<{ url: URL; remove: () => Promise<void> }> {
  return buildWorkerFromSources('findings/findingsWorker.ts', 'findingsWorker');
}
