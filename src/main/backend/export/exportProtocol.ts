import { z } from 'zod';
import { connectionParamsSchema } from '../../../shared/connections/params';
import type { CsvExportMessage } from '../../../shared/privileges/matrixExportMessages';

/** What an export worker is started with (its workerData): where to read, what to write. */
export const exportJobSpecSchema = z.object({
  params: connectionParamsSchema,
  database: z.string(),
  /** One schema's relations only; null for every schema. */
  schema: z.string().nullable(),
  connectTimeoutSeconds: z.number().positive(),
});
/** What an export worker is started with. */
export type ExportJobSpec = z.infer<typeof exportJobSpecSchema>;

/** What the worker posts: the CSV's chunks and progress, then done, or an error (plain: its words may be shown). */
export type ExportWorkerMessage = Exclude<CsvExportMessage, { type: 'error' }> | { type: 'error'; message: string; plain: boolean };

/** What main posts to the worker: room for one more chunk (the sink took one). */
export interface ExportCredit {
  type: 'credit';
}

/**
 * Chunks (256 KiB each) the worker may post before the sink has taken them: enough to keep
 * it busy while a chunk is written, few enough that a slow reader holds 1 MiB at most.
 */
export const creditWindow = 4;

/** True when `value` is a message the worker posts (checked on main before it is used). */
export function isExportWorkerMessage(value: unknown): value is ExportWorkerMessage {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'chunk':
      return m.bytes instanceof Uint8Array;
    case 'progress':
      return typeof m.progress === 'object' && m.progress !== null;
    case 'done':
      return typeof m.rows === 'number';
    case 'error':
      return typeof m.message === 'string' && typeof m.plain === 'boolean';
    default:
      return false;
  }
}
