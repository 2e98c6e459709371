import { z } from 'zod';
import { errorCodes, type ApiError } from './errors';

/**
 * Every reply is an envelope: a value, or an error in plain words. Transports never throw.
 * `notices` are things to tell the user besides the answer (Warden reconnected to a server).
 */
export type Envelope<T> = { ok: true; value: T; notices?: string[] } | { ok: false; error: ApiError };

/** Schema for the error half of an envelope, used by clients to check what arrives. */
export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  field: z.string().optional(),
});

/** Schema for an envelope whose value is still unchecked (the method's schema checks it). */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown(), notices: z.array(z.string().max(1000)).max(20).optional() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);
