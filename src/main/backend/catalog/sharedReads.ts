import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ConnectionParams } from '../../../shared/connections/params';
import type { ConnectionRegistry } from '../connectionRegistry';
import { addNotice, collectNotices } from '../notices';
import { paramsFingerprint } from '../poolConfig';
import { cancelledError, untilCancelled, type ActiveRequest } from '../requests';
import { loadCatalogPooled } from './loadPooled';

/**
 * Which earlier read a request may share: one still running (catalog.load: the matrix reads
 * the server unless the same read is under way), or also one that finished a moment ago
 * (findings.list, which the UI asks for together with the matrix's catalog).
 */
export type ShareWith = 'running' | 'recent';

/** How long a finished read may be shared, and how many are kept (each holds a whole catalog). */
export interface SharedReadLimits {
  keepMs: number;
  maxKept: number;
}

/** The defaults: long enough for the matrix's and the findings' requests of one open to meet. */
export const sharedReadLimits: SharedReadLimits = { keepMs: 5_000, maxKept: 4 };

/** How a catalog is read (loadCatalogPooled; tests pass their own). */
export type CatalogLoader = (id: string, params: ConnectionParams, database: string, onProgress: (words: string) => void) => Promise<CatalogSnapshot>;

interface Read {
  key: string;
  /** host:port, for invalidation by server. */
  server: string;
  /** The internal request the read runs as (never a client's id: a client cannot cancel it). */
  requestId: string;
  result: Promise<{ value: CatalogSnapshot; notices: string[] }>;
  /** How many requests wait for it; the read is cancelled when the last one leaves. */
  waiters: number;
  /** The tracked ones among them, told its progress. */
  watching: Set<ActiveRequest>;
  progress: string | null;
  finishedAt: number | null;
}

/**
 * One catalog read per (connection settings by value, database) at a time: a request joins a
 * read of the same catalog that is running (or, with 'recent', finished a moment ago)
 * instead of reading the server again. Any Apply, changes.settled or Reload (catalog.forget)
 * invalidates the server's reads: later requests read the server afresh, so nothing read
 * before a change is served after it. Cancel stops the server's work only when every request
 * waiting for the read has cancelled; the others keep waiting.
 */
export class SharedCatalogReads {
  private readonly reads = new Map<string, Read>();
  private counter = 0;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly limits: SharedReadLimits = sharedReadLimits,
    private readonly now: () => number = Date.now,
    private readonly load: CatalogLoader = (id, params, database, onProgress) => loadCatalogPooled(registry, id, params, database, onProgress),
  ) {}

  /** The catalog of `database` through connection `id`, read once for every request that shares it. */
  async read(id: string, params: ConnectionParams, database: string, share: ShareWith): Promise<CatalogSnapshot> {
    const key = `${paramsFingerprint(params)}\0${database}`;
    let read = this.reads.get(key);
    if (read !== undefined && read.finishedAt !== null && (share === 'running' || this.now() - read.finishedAt > this.limits.keepMs)) {
      this.reads.delete(key);
      read = undefined;
    }
    read ??= this.start(key, id, params, database);
    return this.wait(read);
  }

  /** Forgets every read of a server (host:port; null: of every server): later requests read it again. */
  invalidate(server: string | null): void {
    for (const [key, read] of this.reads) if (server === null || read.server === server) this.reads.delete(key);
  }

  private start(key: string, id: string, params: ConnectionParams, database: string): Read {
    const requestId = `catalog:${++this.counter}`;
    // why: the loader may report progress at once, before `read` exists; it reports to this.
    const state: Pick<Read, 'waiters' | 'watching' | 'progress' | 'finishedAt'> = { waiters: 0, watching: new Set(), progress: null, finishedAt: null };
    // why: the read runs as its own request, so that one waiter's Cancel does not stop it
    // for the others, and collects its own notices ("reconnected"), which every waiter passes on.
    const result = this.registry.requests
      .run(requestId, 'catalog.load', () => collectNotices(() => this.load(id, params, database, (words) => tell(state, words))))
      .then(
        (done) => {
          read.finishedAt = this.now();
          this.keepFor(read);
          return done;
        },
        (err: unknown) => {
          this.drop(read);
          throw err;
        },
      );
    const read: Read = Object.assign(state, { key, server: `${params.host}:${params.port}`, requestId, result });
    // why: a read nobody waits for any more (all cancelled) fails unobserved.
    read.result.catch(() => undefined);
    this.reads.set(key, read);
    return read;
  }

  private async wait(read: Read): Promise<CatalogSnapshot> {
    const me = this.registry.requests.current() ?? null;
    const signal = me?.signal;
    if (signal?.aborted) throw cancelledError();
    read.waiters += 1;
    if (me !== null) {
      read.watching.add(me);
      if (read.progress !== null) me.progress = read.progress;
    }
    try {
      const { value, notices } = await (signal === undefined ? read.result : untilCancelled(read.result, signal));
      for (const n of notices) addNotice(n);
      return value;
    } finally {
      read.waiters -= 1;
      if (me !== null) read.watching.delete(me);
      if (read.waiters === 0 && read.finishedAt === null) {
        // why: everyone who wanted it cancelled: stop it on the server, and let no one join it.
        this.drop(read);
        void this.registry.requests.cancel(read.requestId);
      }
    }
  }

  /** Keeps a finished read for limits.keepMs, and at most limits.maxKept of them. */
  private keepFor(read: Read): void {
    setTimeout(() => this.drop(read), this.limits.keepMs).unref();
    const finished = [...this.reads.values()].filter((r) => r.finishedAt !== null).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
    for (const old of finished.slice(0, Math.max(0, finished.length - this.limits.maxKept))) this.drop(old);
  }

  private drop(read: Read): void {
    if (this.reads.get(read.key) === read) this.reads.delete(read.key);
  }
}

/** Tells a read's progress to every request waiting for it. */
function tell(read: Pick<Read, 'progress' | 'watching'>, words: string): void {
  read.progress = words;
  for (const r of read.watching) r.progress = words;
}
