import { z } from 'zod';
import { errorCodes, type ApiError } from './errors';

/**
 * Every reply is an envelope: a value, or an error in plain words. Transports never throw.
 * `notices` are things to tell the user besides the answer (Warden reconnected to a server).
 * A large value may come as its JSON text instead (`json`, findings.list: made and checked in
 * a worker thread, so the backend's main thread never builds or copies the 16 MB of objects);
 * HTTP sends it as `value`, IPC as the text, which the client parses.
 */
export type Envelope<T> = { ok: true; value: T; notices?: string[] } | { ok: true; json: string; value?: undefined; notices?: string[] } | { ok: false; error: ApiError };

/** Schema for the error half of an envelope, used by clients to check what arrives. */
export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  field: z.string().optional(),
});

/** Schema for an envelope whose value is still unchecked (the method's schema checks it). */
const noticesSchema = z.array(z.string().max(1000)).max(20).optional();
export const envelopeSchema = z.union([
  // why: first, because the value form would take a json envelope too (its value is optional).
  z.object({ ok: z.literal(true), json: z.string(), notices: noticesSchema }),
  z.object({ ok: z.literal(true), value: z.unknown(), notices: noticesSchema }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

/** The value of a successful envelope, parsing it when it came as JSON text. */
export function envelopeValue(envelope: { ok: true; value?: unknown; json?: string }): unknown {
  return envelope.json !== undefined ? (JSON.parse(envelope.json) as unknown) : envelope.value;
}
