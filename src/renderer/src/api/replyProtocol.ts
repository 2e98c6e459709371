import type { Method } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';

/**
 * Messages to and from the reply worker, which reads large replies off the page's main
 * thread: a whole HTTP reply (an envelope) as its bytes, transferred, not copied; or, from
 * IPC, an envelope's `json` text.
 */
export type ReplyRequest = { id: number; method: Method } & ({ form: 'envelope'; bytes: ArrayBuffer } | { form: 'value'; text: string });

/** What the worker found: the checked value (with the envelope's notices), the envelope's error, or that the reply could not be read. */
export type ReplyResult =
  | { kind: 'value'; data: unknown; notices: string[] }
  | { kind: 'error'; error: ApiError }
  | { kind: 'unreadable'; why: 'not-json' | 'not-an-envelope' | 'unexpected-value' };

/** A result for request `id`, or (first of all) that the worker runs. */
export type ReplyResponse = (ReplyResult & { id: number }) | { ready: true };
