import { AsyncLocalStorage } from 'node:async_hooks';
import { UserError } from '../../shared/api/errors';

/** Something running on the server for a request that can be stopped there. */
export interface ServerWork {
  /** Asks the server to cancel what this connection is running now. */
  cancel(): Promise<void>;
}

/** What the backend knows of one request while it runs. */
export interface ActiveRequest {
  readonly id: string;
  readonly method: string;
  readonly startedAt: number;
  readonly signal: AbortSignal;
  /** Progress in the request's own words ("12,345 relations read"), when it reports any. */
  progress: string | null;
}

interface Tracked extends ActiveRequest {
  readonly controller: AbortController;
  readonly work: Set<ServerWork>;
}

/** The error every cancelled request ends with, in plain words. */
export function cancelledError(): UserError {
  return new UserError('cancelled', 'Cancelled: the server stopped the request when asked.');
}

/** `p`, or a Cancelled error as soon as `signal` aborts (the work behind `p` goes on for whoever else waits). */
export function untilCancelled<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * The requests running in the backend, each with an id the UI chose, so that a slow one
 * can show its progress and be cancelled on the server. The current request is found
 * through AsyncLocalStorage, so the connection registry and the catalog loader take part
 * without every function passing a context along.
 */
export class RequestTracker {
  private readonly active = new Map<string, Tracked>();
  private readonly storage = new AsyncLocalStorage<Tracked>();

  /** Runs `fn` as request `id` (none: untracked, and not cancellable). */
  run<T>(id: string | undefined, method: string, fn: () => Promise<T>): Promise<T> {
    if (id === undefined || this.active.has(id)) return fn();
    const controller = new AbortController();
    const tracked: Tracked = { id, method, startedAt: Date.now(), signal: controller.signal, progress: null, controller, work: new Set() };
    this.active.set(id, tracked);
    return this.storage.run(tracked, fn).finally(() => this.active.delete(id));
  }

  /** The request the caller runs in, if any. */
  current(): ActiveRequest | undefined {
    return this.storage.getStore();
  }

  /**
   * Registers server work with the current request until the returned function is called;
   * throws when the request was already cancelled. Outside a request it does nothing.
   */
  enlist(work: ServerWork): () => void {
    const tracked = this.storage.getStore();
    if (tracked === undefined) return () => undefined;
    if (tracked.signal.aborted) throw cancelledError();
    tracked.work.add(work);
    return () => tracked.work.delete(work);
  }

  /** Cancels a request: waits stop at once, server queries are cancelled on the server. */
  async cancel(id: string): Promise<boolean> {
    const tracked = this.active.get(id);
    if (tracked === undefined) return false;
    tracked.controller.abort();
    await Promise.all([...tracked.work].map((w) => w.cancel().catch(() => undefined)));
    return true;
  }

  /** What is known of the given requests; ids that have ended are left out. */
  status(ids: readonly string[]): { requestId: string; method: string; elapsedMs: number; progress: string | null }[] {
    const now = Date.now();
    const out: { requestId: string; method: string; elapsedMs: number; progress: string | null }[] = [];
    for (const id of ids) {
      const t = this.active.get(id);
      if (t !== undefined) out.push({ requestId: id, method: t.method, elapsedMs: now - t.startedAt, progress: t.progress });
    }
    return out;
  }
}
