import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ExportProgress } from '../../../shared/privileges/matrixExport';
import { matrixExport } from '../../../shared/privileges/matrixExport';
import type { MatrixFilter } from '../../../shared/privileges/matrixRows';

/** What the page asks the CSV worker for. */
export interface CsvExportRequest {
  snapshot: CatalogSnapshot;
  filter: MatrixFilter;
}

/** What the CSV worker sends back, in order: chunks and progress, then done (or an error). */
export type CsvExportMessage =
  | { type: 'chunk'; bytes: Uint8Array<ArrayBuffer> }
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; rows: number }
  | { type: 'error'; message: string };

/**
 * The worker's whole job, as messages: the CLI's CSV chunk by chunk, with progress after
 * each role (at most every `everyMs` ms, and the last). Pure, so it is tested without a worker.
 */
export function* csvExportMessages(request: CsvExportRequest, now: () => number = () => Date.now(), everyMs = 100): Generator<CsvExportMessage> {
  // why: an object, because the export's callback updates it between two chunks.
  const seen: { last: ExportProgress; pending: ExportProgress | null } = { last: { rolesDone: 0, rolesTotal: 0, rows: 0 }, pending: null };
  let sentAt = -Infinity;
  const chunks = matrixExport(request.snapshot, request.filter, 'csv', {
    onProgress: (p) => {
      seen.last = p;
      seen.pending = p;
    },
  });
  for (const chunk of chunks) {
    // why: the buffer is transferred to the page, so the worker never touches it again.
    yield { type: 'chunk', bytes: chunk.slice() };
    if (seen.pending !== null && now() - sentAt >= everyMs) {
      yield { type: 'progress', progress: seen.pending };
      seen.pending = null;
      sentAt = now();
    }
  }
  yield { type: 'progress', progress: seen.last };
  yield { type: 'done', rows: seen.last.rows };
}
