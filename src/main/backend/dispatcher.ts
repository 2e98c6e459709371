import { api, isMethod, type Input, type Method, type Output } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/envelope';
import { UserError } from '../../shared/api/errors';
import { checkOutput } from '../../shared/api/outputCheck';
import { collectNotices } from './notices';

/**
 * A reply as JSON text, checked with its method's output schema (the same contract) in a
 * worker thread and serialized there (findings.list: building, checking and copying 16 MB of
 * objects would block the main thread for seconds). The dispatcher passes the text on as
 * is; only backend code makes one. `T` is the type the text holds.
 */
export class JsonReply<T> {
  declare readonly holds?: T;
  constructor(readonly json: string) {}
}

/** One function per contract method; the dispatcher checks what goes in and out. */
export type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M> | JsonReply<Output<M>>> };

/**
 * What both transports call: a method name, raw input and the id the UI gave the request
 * (to follow or cancel it) in, an envelope out; never throws.
 */
export type Dispatch = (method: unknown, input: unknown, requestId?: unknown) => Promise<Envelope<unknown>>;

/** Runs a handler as a tracked request (see RequestTracker); absent: untracked. */
export type RequestRunner = <T>(id: string | undefined, method: string, fn: () => Promise<T>) => Promise<T>;

/** A request id the UI chose: short, plain characters; anything else is ignored. */
function requestIdOf(raw: unknown): string | undefined {
  return typeof raw === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : undefined;
}

/** Logs failures that are bugs, never the input (it may hold a password). */
export type ErrorLogger = (method: string, err: unknown) => void;

/**
 * Builds the single dispatcher behind IPC and HTTP: unknown methods are refused, input
 * is parsed with the method's zod schema, output is checked too, and every error becomes
 * a plain-words envelope.
 */
export function createDispatcher(handlers: Handlers, logError: ErrorLogger = defaultLogger, run: RequestRunner = (_id, _m, fn) => fn()): Dispatch {
  return async (method, rawInput, rawRequestId) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `There is no method called ${JSON.stringify(String(method)).slice(0, 80)}.` } };
    }
    const spec = api[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      return { ok: false, error: { code: 'invalid_input', message: issue?.message ?? 'The request is not valid.', field } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      const { value, notices } = await collectNotices((): Promise<unknown> => run(requestIdOf(rawRequestId), method, () => handler(parsed.data)));
      if (value instanceof JsonReply) return notices.length === 0 ? { ok: true, json: value.json } : { ok: true, json: value.json, notices };
      const checked = checkOutput(method, value);
      if (!checked.success) {
        logError(method, checked.error);
        return { ok: false, error: { code: 'internal', message: 'Warden produced a reply it could not check; this is a bug.' } };
      }
      return envelope(checked.data, notices);
    } catch (err) {
      if (err instanceof UserError) return { ok: false, error: err.toApiError() };
      logError(method, err);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Warden; details are in its log.' } };
    }
  };
}

function envelope(value: unknown, notices: string[]): Envelope<unknown> {
  return notices.length === 0 ? { ok: true, value } : { ok: true, value, notices };
}

/** Logs a failure on stderr: the method and the error, never the input. */
export function defaultLogger(method: string, err: unknown): void {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  console.error(`[warden] ${method} failed: ${text}`);
}
