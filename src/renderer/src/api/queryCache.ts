import type { Api, Input, Method, Output } from '../../../shared/api/contract';

/** What a query knows right now; `data` stays while a reload is in flight, so polling never flickers. */
export interface QueryState<T> {
  status: 'idle' | 'loading' | 'success' | 'error';
  data: T | undefined;
  error: unknown;
  fetching: boolean;
}

interface Entry {
  method: Method;
  input: unknown;
  state: QueryState<unknown>;
  listeners: Set<() => void>;
  generation: number;
}

/** The snapshot for a query that has not started yet. */
export const loadingState: QueryState<never> = { status: 'loading', data: undefined, error: undefined, fetching: true };
/** The snapshot for a query that is switched off (no input). */
export const idleState: QueryState<never> = { status: 'idle', data: undefined, error: undefined, fetching: false };

/** The key of a query: the method and its input as JSON. */
export function queryKey(method: Method, input: unknown): string {
  return `${method} ${JSON.stringify(input)}`;
}

function connectionOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'connectionId' in input ? input.connectionId : undefined;
}

/** Server data by method and input; each entry is fetched once and shared by every component that reads it. */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  /** Every fetch waits for this: the backend forgetting the catalog reads it shares (catalog.forget). */
  private forgotten: Promise<unknown> = Promise.resolve();

  constructor(readonly api: Api) {}

  /** Registers a listener for a key; returns the unsubscribe function. */
  subscribe(key: string, listener: () => void): () => void {
    const entry = this.entries.get(key);
    if (entry === undefined) return () => undefined;
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** The current state of a key (a stable object until it changes). */
  snapshot(key: string): QueryState<unknown> {
    return this.entries.get(key)?.state ?? loadingState;
  }

  /** Creates the entry for a query and fetches it unless it already has data or is in flight. */
  ensure<M extends Method>(method: M, input: Input<M>): string {
    const key = queryKey(method, input);
    if (!this.entries.has(key)) {
      this.entries.set(key, { method, input, state: loadingState, listeners: new Set(), generation: 0 });
      void this.fetch(key);
    }
    return key;
  }

  /** Fetches a key again, keeping its current data until the answer arrives. */
  async fetch(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    const generation = ++entry.generation;
    this.set(entry, { ...entry.state, status: entry.state.status === 'idle' ? 'loading' : entry.state.status, fetching: true });
    try {
      await this.forgotten;
      const data: Output<Method> = await this.api.invoke(entry.method, entry.input as Input<Method>);
      if (generation === entry.generation) this.set(entry, { status: 'success', data, error: undefined, fetching: false });
    } catch (error: unknown) {
      if (generation === entry.generation) this.set(entry, { status: 'error', data: entry.state.data, error, fetching: false });
    }
  }

  /** Refetches every query of the given methods that is on screen, and forgets the rest. */
  invalidate(methods: readonly Method[]): void {
    for (const [key, entry] of this.entries) {
      if (!methods.includes(entry.method)) continue;
      if (entry.listeners.size > 0) void this.fetch(key);
      else this.entries.delete(key);
    }
  }

  /**
   * The one invalidation path for what was read from a server: every query about
   * `connectionId` (tree, roles, server facts, catalogs, columns, and whatever else names
   * the connection) and the connection list are read again when on screen, forgotten
   * otherwise. Reload, Apply and a new password call it for one server; a window that
   * regains focus after a while, with `null`, for every server.
   */
  refreshServer(connectionId: string | null): void {
    this.forget(connectionId);
    for (const [key, entry] of this.entries) {
      const server = connectionOf(entry.input);
      const ofServer = connectionId === null ? server !== undefined : server === connectionId;
      if (entry.method !== 'connections.list' && !ofServer) continue;
      if (entry.listeners.size > 0) void this.fetch(key);
      else this.entries.delete(key);
    }
  }

  /**
   * Makes the next reads of a server (null: of every server) reach the server: the backend
   * shares a catalog read among requests that want it at once, and forgets those reads here.
   * why: every fetch waits for the answer, so none can arrive first (HTTP has no order) and
   * be given a read from before the Reload.
   */
  forget(connectionId: string | null): void {
    const asked = this.api.invoke('catalog.forget', { connectionId }).catch(() => undefined);
    this.forgotten = Promise.all([this.forgotten, asked]);
  }

  private set(entry: Entry, state: QueryState<unknown>): void {
    entry.state = state;
    for (const listener of entry.listeners) listener();
  }
}
