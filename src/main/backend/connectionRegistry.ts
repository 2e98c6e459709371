import pg from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { ConnectionParams, SslMode } from '../../shared/connections/params';
import { connectionError, queryError } from './pgErrors';

/** Seconds to wait for a server to answer a connection attempt. */
export const connectTimeoutSeconds = 10;

function sslOption(mode: SslMode, host: string): false | ConnectionOptions {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // why: verify-ca checks the chain but, unlike verify-full, not the host name.
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, servername: host };
  }
}

function poolConfig(params: ConnectionParams, sslmode: SslMode, database: string, timeoutSeconds: number): pg.PoolConfig {
  return {
    host: params.host,
    port: params.port,
    user: params.user,
    password: params.password ?? '',
    database,
    ssl: sslOption(sslmode, params.host),
    max: 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeoutSeconds * 1000,
    application_name: 'Warden',
  };
}

/** True when the failure means "this server speaks no TLS", so sslmode=prefer falls back. */
function noSslOnServer(err: unknown): boolean {
  return err instanceof Error && /does not support SSL/i.test(err.message);
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

/**
 * One pg.Pool per (connection, database), created on first use. sslmode=prefer tries TLS
 * first and falls back to plain TCP when the server has none, as libpq does.
 */
export class ConnectionRegistry {
  private readonly pools = new Map<string, { pool: pg.Pool; params: ConnectionParams }>();
  private readonly resolvedSsl = new Map<string, SslMode>();

  constructor(private readonly timeoutSeconds: number = connectTimeoutSeconds) {}

  /** Runs `fn` with a client of `database` on connection `id`, mapping errors to plain words. */
  async withClient<T>(id: string, params: ConnectionParams, database: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect(id, params, database);
    try {
      return await fn(client).catch((err: unknown) => {
        throw queryError(err);
      });
    } finally {
      client.release();
    }
  }

  /** A client held by the caller (for a transaction spanning several calls); errors in plain words. */
  async acquire(id: string, params: ConnectionParams, database: string): Promise<{ client: pg.PoolClient; release: () => void }> {
    const client = await this.connect(id, params, database);
    return { client, release: () => client.release() };
  }

  /**
   * A second client for work that can go faster in parallel, only when the pool has one to
   * spare without waiting; null otherwise, or when connecting fails (a role's CONNECTION
   * LIMIT, a full server): the caller then does the work on the client it holds.
   */
  async spare(id: string, params: ConnectionParams, database: string): Promise<{ client: pg.PoolClient; release: () => void } | null> {
    const pool = this.pools.get(`${id}\0${database}`)?.pool;
    if (!pool || (pool.idleCount === 0 && pool.totalCount >= pool.options.max)) return null;
    return this.acquire(id, params, database).catch(() => null);
  }

  /** Opens a one-off client to check that the parameters work, and returns the server version. */
  async probe(params: ConnectionParams): Promise<string> {
    const attempt = async (mode: SslMode) => {
      const client = new pg.Client(poolConfig(params, mode, params.database, this.timeoutSeconds));
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

  /** Closes the pools of one connection (after its parameters change, or on removal). */
  async forget(id: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, entry] of this.pools) {
      if (key.startsWith(`${id}\0`)) {
        this.pools.delete(key);
        closing.push(entry.pool.end().catch(() => undefined));
      }
    }
    this.resolvedSsl.delete(id);
    await Promise.all(closing);
  }

  /** Closes every pool. */
  async closeAll(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((e) => e.pool.end().catch(() => undefined)));
  }

  private async connect(id: string, params: ConnectionParams, database: string): Promise<pg.PoolClient> {
    const key = `${id}\0${database}`;
    const target = { ...params, database };
    const existing = this.pools.get(key);
    if (existing && existing.params !== params) await this.forget(id);
    try {
      return guarded(await this.poolFor(key, id, params, database).connect());
    } catch (err) {
      if (params.sslmode === 'prefer' && !this.resolvedSsl.has(id) && noSslOnServer(err)) {
        this.resolvedSsl.set(id, 'disable');
        await this.pools.get(key)?.pool.end().catch(() => undefined);
        this.pools.delete(key);
        try {
          return guarded(await this.poolFor(key, id, params, database).connect());
        } catch (again) {
          throw connectionError(again, target, this.timeoutSeconds);
        }
      }
      throw connectionError(err, target, this.timeoutSeconds);
    }
  }

  private poolFor(key: string, id: string, params: ConnectionParams, database: string): pg.Pool {
    let entry = this.pools.get(key);
    if (!entry) {
      const pool = new pg.Pool(poolConfig(params, this.resolvedSsl.get(id) ?? params.sslmode, database, this.timeoutSeconds));
      // why: an idle client dropped by the server must not crash the process.
      pool.on('error', () => undefined);
      entry = { pool, params };
      this.pools.set(key, entry);
    }
    return entry.pool;
  }
}
