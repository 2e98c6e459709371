import pg from 'pg';
import type { ConnectionParams, SslMode } from '../../shared/connections/params';
import { UserError } from '../../shared/api/errors';
import { cancelRunningQuery } from './cancelQuery';
import { connectionError, queryError } from './pgErrors';
import { acquireTimeoutSeconds, clientConfig, connectTimeoutSeconds, noSslOnServer, paramsFingerprint, poolConfig, poolSize } from './poolConfig';
import { addNotice } from './notices';
import { cancelledError, RequestTracker } from './requests';

export { connectTimeoutSeconds } from './poolConfig';

/** A client the caller holds (for a transaction spanning several calls), and how to give it back. */
export interface Lease {
  client: pg.PoolClient;
  release: () => void;
}

interface PoolEntry {
  pool: pg.Pool;
  fingerprint: string;
  host: string;
  port: number;
  /** The sslmode the pool connects with (prefer becomes disable once the server is known to speak no TLS). */
  sslmode: SslMode;
  /** Clients held or waited for; a retired pool ends only when this falls to 0. */
  leases: number;
  retired: boolean;
  /** An idle connection of this pool was lost (server restart): the next request says it reconnected. */
  lost: boolean;
}

const withErrorListener = new WeakSet<pg.PoolClient>();

/**
 * Gives a checked-out client an 'error' listener (once per client). why: pg-pool removes
 * its own listener while a client is checked out, and a client that loses its server
 * between two queries (the server stopped or terminated it) then emits 'error' with nobody
 * listening, which ends the whole process. The loss still shows: the next query fails.
 */
function guarded(client: pg.PoolClient): pg.PoolClient {
  if (!withErrorListener.has(client)) {
    client.on('error', () => undefined);
    withErrorListener.add(client);
  }
  return client;
}

/** Whether an error means the connection itself is gone, rather than a problem with a query. */
export function connectionLost(err: unknown): boolean {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : undefined;
  // why: 57P01 admin_shutdown (a restart or pg_terminate_backend), 57P02 crash_shutdown,
  // class 08 connection exceptions; pg itself throws plain Errors when the socket closes.
  if (code === '57P01' || code === '57P02' || (typeof code === 'string' && code.startsWith('08')) || code === 'ECONNRESET' || code === 'EPIPE') return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|not queryable|terminating connection/i.test(message);
}

/** What the user is told when Warden had to open a new connection to a server. */
export function reconnectedWords(host: string, port: number): string {
  return `Warden reconnected to ${host}:${port}: its connection had been lost (the server restarted, or ended Warden's session).`;
}

/** pg-pool's words when no slot came free in time. */
const isSlotTimeout = (err: unknown) => err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message);

/** Options of a registry; the defaults suit the app. */
export interface RegistryOptions {
  /** Seconds to wait for a free connection of a pool (default 30). */
  acquireTimeoutSeconds?: number;
  /** Where requests register their server work, so they can be cancelled. */
  requests?: RequestTracker;
  /** The server's statement_timeout for every connection, in ms (the CLI's --statement-timeout); none by default. */
  statementTimeoutMs?: number | undefined;
}

/**
 * One pg.Pool per (connection, database), created on first use and kept while the
 * connection's settings stay the same by value. A pool whose settings changed is retired:
 * new requests get a new pool, and the old one ends only after the last client held or
 * waited for on it is given back, so no request ever finds its pool ended under it.
 * sslmode=prefer tries TLS first and falls back to plain TCP when the server has none.
 */
export class ConnectionRegistry {
  private readonly pools = new Map<string, PoolEntry>();
  /** sslmode=prefer servers found to speak no TLS, by fingerprint. */
  private readonly noTls = new Set<string>();
  private readonly acquireSeconds: number;
  private readonly statementTimeoutMs: number | undefined;
  readonly requests: RequestTracker;

  constructor(
    private readonly timeoutSeconds: number = connectTimeoutSeconds,
    options: RegistryOptions = {},
  ) {
    this.acquireSeconds = options.acquireTimeoutSeconds ?? acquireTimeoutSeconds;
    this.statementTimeoutMs = options.statementTimeoutMs;
    this.requests = options.requests ?? new RequestTracker();
  }

  /**
   * Runs `fn` with a client of `database` on connection `id`, mapping errors to plain words.
   * `fn` must only read: when the connection is lost under it (the server restarted or ended
   * Warden's session), it runs once more on a fresh connection, and the request says so.
   */
  async withClient<T>(id: string, params: ConnectionParams, database: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const lease = await this.acquire(id, params, database);
      try {
        return await fn(lease.client);
      } catch (err) {
        if (this.requests.current()?.signal.aborted) throw cancelledError();
        if (!connectionLost(err)) throw this.requestError(err);
        if (attempt >= 2) {
          throw new UserError(
            'connection_failed',
            `The connection to ${params.host}:${params.port}/${database} was lost twice while reading from it (the server restarted, or something ends Warden's sessions). Try again in a moment.`,
          );
        }
        addNotice(reconnectedWords(params.host, params.port));
        // why: a lost connection usually means the server restarted or ended every session:
        // the pool's idle clients are likely dead too, so the retry starts on a new pool (the
        // old one ends once its last lease is given back).
        const key = `${id}\0${database}`;
        const entry = this.pools.get(key);
        if (entry !== undefined) this.retire(key, entry);
      } finally {
        lease.release();
      }
    }
  }

  /** A client held by the caller; its queries can be cancelled with the current request. */
  async acquire(id: string, params: ConnectionParams, database: string): Promise<Lease> {
    const { entry, client, done } = await this.connect(id, params, database);
    let unlist: () => void;
    try {
      unlist = this.enlist(entry, client);
    } catch (err) {
      client.release();
      done();
      throw err;
    }
    let given = false;
    return {
      client,
      release: () => {
        if (given) return;
        given = true;
        unlist();
        client.release();
        done();
      },
    };
  }

  /**
   * A second client for work that can go faster in parallel, only when the pool has an idle
   * one: why: it never opens a connection of its own, so opening a database's matrix costs at
   * most two connections, and the caller does the work on its own client otherwise.
   */
  async spare(id: string, params: ConnectionParams, database: string): Promise<Lease | null> {
    const entry = this.pools.get(`${id}\0${database}`);
    if (entry === undefined || entry.retired || entry.fingerprint !== paramsFingerprint(params) || entry.pool.idleCount === 0) return null;
    return this.acquire(id, params, database).catch(() => null);
  }

  /** Opens a one-off client to check that the parameters work, and returns the server version. */
  async probe(params: ConnectionParams): Promise<string> {
    const attempt = async (mode: SslMode) => {
      const client = new pg.Client(clientConfig(params, mode, params.database, this.timeoutSeconds));
      client.on('error', () => undefined);
      try {
        await client.connect();
        const r = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
        return r.rows[0]?.v ?? 'unknown';
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    try {
      try {
        return await attempt(params.sslmode);
      } catch (err) {
        if (params.sslmode === 'prefer' && noSslOnServer(err)) return await attempt('disable');
        throw err;
      }
    } catch (err) {
      throw connectionError(err, params, this.timeoutSeconds);
    }
  }

  /** Retires the pools of one connection (after its parameters change, or on removal). */
  forget(id: string): void {
    for (const [key, entry] of this.pools) if (key.startsWith(`${id}\0`)) this.retire(key, entry);
  }

  /** How many pools are open, and their connections (for tests and diagnostics). */
  stats(): { pools: number; connections: number } {
    let connections = 0;
    for (const e of this.pools.values()) connections += e.pool.totalCount;
    return { pools: this.pools.size, connections };
  }

  /** Closes every pool. */
  async closeAll(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((e) => e.pool.end().catch(() => undefined)));
  }

  private async connect(id: string, params: ConnectionParams, database: string): Promise<{ entry: PoolEntry; client: pg.PoolClient; done: () => void }> {
    const target = { ...params, database };
    try {
      return await this.tryConnect(id, params, database);
    } catch (err) {
      // why: every request that tried TLS at the same moment fails the same way; each one
      // retries once on plain TCP, not only the first to notice (the others used to fail).
      if (params.sslmode === 'prefer' && noSslOnServer(err)) {
        this.noTls.add(paramsFingerprint(params));
        try {
          return await this.tryConnect(id, params, database);
        } catch (again) {
          throw this.connectError(again, target);
        }
      }
      throw this.connectError(err, target);
    }
  }

  private async tryConnect(id: string, params: ConnectionParams, database: string): Promise<{ entry: PoolEntry; client: pg.PoolClient; done: () => void }> {
    const entry = this.entryFor(id, params, database);
    const signal = this.requests.current()?.signal;
    if (signal?.aborted) throw cancelledError();
    entry.leases += 1;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      entry.leases -= 1;
      if (entry.retired && entry.leases === 0) void entry.pool.end().catch(() => undefined);
    };
    const pending = entry.pool.connect();
    if (signal === undefined) {
      const client = await pending.catch((err: unknown) => {
        done();
        throw err;
      });
      this.noteReconnect(entry);
      return { entry, client: guarded(client), done };
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // why: the slot may still come; give it back then, and count the lease until it does.
        pending.then((late) => late.release(), () => undefined).finally(done);
        reject(cancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (client) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) return;
          this.noteReconnect(entry);
          resolve({ entry, client: guarded(client), done });
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) return;
          done();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  private entryFor(id: string, params: ConnectionParams, database: string): PoolEntry {
    const key = `${id}\0${database}`;
    const fingerprint = paramsFingerprint(params);
    const sslmode: SslMode = this.noTls.has(fingerprint) ? 'disable' : params.sslmode;
    const existing = this.pools.get(key);
    if (existing !== undefined && existing.fingerprint === fingerprint && existing.sslmode === sslmode) return existing;
    if (existing !== undefined) this.retire(key, existing);
    const pool = new pg.Pool(poolConfig(params, sslmode, database, { connect: this.timeoutSeconds, acquire: this.acquireSeconds, statementMs: this.statementTimeoutMs }));
    const entry: PoolEntry = { pool, fingerprint, host: params.host, port: params.port, sslmode, leases: 0, retired: false, lost: false };
    // why: an idle client dropped by the server must not crash the process; the loss is told
    // with the next request, which gets a fresh connection.
    pool.on('error', () => {
      entry.lost = true;
    });
    this.pools.set(key, entry);
    return entry;
  }

  private noteReconnect(entry: PoolEntry): void {
    if (!entry.lost) return;
    entry.lost = false;
    addNotice(reconnectedWords(entry.host, entry.port));
  }

  private retire(key: string, entry: PoolEntry): void {
    if (this.pools.get(key) === entry) this.pools.delete(key);
    if (entry.retired) return;
    entry.retired = true;
    if (entry.leases === 0) void entry.pool.end().catch(() => undefined);
  }

  /** Registers a held client with the current request, so Cancel reaches its query. */
  private enlist(entry: PoolEntry, client: pg.PoolClient): () => void {
    return this.requests.enlist({ cancel: () => cancelRunningQuery(client, entry.host, entry.port) });
  }

  private connectError(err: unknown, target: ConnectionParams): UserError {
    if (err instanceof UserError) return err;
    if (isSlotTimeout(err)) {
      return new UserError(
        'connection_failed',
        `All ${poolSize} of Warden's connections to ${target.host}:${target.port}/${target.database} stayed busy for ${this.acquireSeconds} seconds. Wait for the running requests to finish (or cancel them), then try again.`,
      );
    }
    return connectionError(err, target, this.timeoutSeconds);
  }

  private requestError(err: unknown): UserError {
    if (this.requests.current()?.signal.aborted) return cancelledError();
    return queryError(err);
  }
}
