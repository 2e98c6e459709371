import { z } from 'zod';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';

// What the backend's main thread and its findings worker say to each other (one process, one
// build: still checked, as every message that crosses a boundary).

const ackSchema = z.object({ reason: z.string(), at: z.string() });

/** One findings.list to compute: the snapshot, who is connected, the acknowledgements, the time. */
export const findingsTaskSchema = z.object({
  id: z.number().int(),
  // why: checked when it was read (parseCatalogSnapshotParts); checking 20,000 relations
  // again here would double the work this thread exists to take off the main one.
  snapshot: z.custom<CatalogSnapshot>((v) => typeof v === 'object' && v !== null && 'relations' in v && 'roles' in v),
  currentUser: z.string(),
  acks: z.array(z.tuple([z.string(), ackSchema])),
  now: z.number(),
});
/** One findings.list to compute. */
export type FindingsTask = z.infer<typeof findingsTaskSchema>;

/** The worker's answer: the reply as JSON text, checked with findings.list's output schema first, or why not. */
export const findingsAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), json: z.string() }),
  z.object({ id: z.number().int(), ok: z.literal(false), message: z.string() }),
]);
/** The worker's answer. */
export type FindingsAnswer = z.infer<typeof findingsAnswerSchema>;
