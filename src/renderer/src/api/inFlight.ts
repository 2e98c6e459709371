import type { Method } from '../../../shared/api/contract';
import { queryKey } from './queryCache';

/** One request the window has sent and not yet had an answer to. */
export interface InFlightRequest {
  /** The id sent with the request, which requests.status and requests.cancel take. */
  readonly id: string;
  readonly method: Method;
  /** The query key of the request (method and input), to find "my" request from a view. */
  readonly key: string;
  /** performance.now() when it was sent. */
  readonly startedAt: number;
}

/** Methods about requests themselves; they are never tracked. */
const untracked: ReadonlySet<Method> = new Set<Method>(['requests.cancel', 'requests.status']);

/**
 * The requests in flight, for the views that show "still waiting…" with a Cancel. why: a
 * loading state must always have a request behind it; this is the list that proves it.
 */
export class InFlight {
  private requests: readonly InFlightRequest[] = [];
  private readonly listeners = new Set<() => void>();

  /** Records a request as sent; returns the function that records its answer. */
  begin(id: string, method: Method, input: unknown): () => void {
    if (untracked.has(method)) return () => undefined;
    const request: InFlightRequest = { id, method, key: queryKey(method, input), startedAt: performance.now() };
    this.update([...this.requests, request]);
    return () => this.update(this.requests.filter((r) => r !== request));
  }

  /** Everything in flight, oldest first (a stable array until it changes). */
  list(): readonly InFlightRequest[] {
    return this.requests;
  }

  /** Calls `listener` whenever a request starts or ends; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(next: readonly InFlightRequest[]): void {
    this.requests = next;
    for (const listener of this.listeners) listener();
  }
}

/** A fresh id for a request. */
export function newRequestId(): string {
  // why: crypto.randomUUID needs a secure context; 127.0.0.1 and file:// pages are.
  return crypto.randomUUID();
}
