import type { CatalogSnapshot } from '../catalog/snapshot';
import type { ExportProgress } from './matrixExport';
import { matrixExport } from './matrixExport';
import type { MatrixFilter } from './matrixRows';
import { safeFileName } from '../files/fileName';

/** What an export worker is asked to write: a snapshot's flat matrix as CSV. */
export interface CsvExportRequest {
  snapshot: CatalogSnapshot;
  filter: MatrixFilter;
}

/** What an export worker sends back, in order: chunks and progress, then done (or an error). */
export type CsvExportMessage =
  | { type: 'chunk'; bytes: Uint8Array<ArrayBuffer> }
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; rows: number }
  | { type: 'error'; message: string };

/**
 * An export's whole job, as messages: the CLI's CSV chunk by chunk, with progress after
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
  // why: each chunk is copied into a buffer of its own (it is transferred to another
  // thread), so the export's buffer is handed back (next(true)) and reused.
  for (let next = chunks.next(); next.done !== true; next = chunks.next(true)) {
    yield { type: 'chunk', bytes: next.value.slice() };
    if (seen.pending !== null && now() - sentAt >= everyMs) {
      yield { type: 'progress', progress: seen.pending };
      seen.pending = null;
      sentAt = now();
    }
  }
  yield { type: 'progress', progress: seen.last };
  yield { type: 'done', rows: seen.last.rows };
}

/** The CSV's file name for a database and the schema shown ('' for all): plain ASCII letters, digits, . - _. */
export function csvFileName(database: string, schema: string): string {
  return `${schema === '' ? safeFileName(database) : safeFileName(database, schema)}-privileges.csv`;
}
