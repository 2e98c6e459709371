import { createHash } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { ConnectionParams, SslMode } from '../../shared/connections/params';

/** Seconds to wait for a server to answer a connection attempt. */
export const connectTimeoutSeconds = 10;
/** Seconds a request waits for one of Warden's connections to a database to be free. */
export const acquireTimeoutSeconds = 30;
/** Connections Warden keeps at most per server and database. */
export const poolSize = 4;

/** The TLS options that give libpq's meaning to an sslmode. */
export function sslOption(mode: SslMode, host: string): false | ConnectionOptions {
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

/** A pg.Client that gives up connecting after `ms` (the pool's own timeout bounds only the wait for a slot). */
function clientWithConnectTimeout(ms: number): typeof pg.Client {
  return class extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      // why: pg-pool keeps the password as a non-enumerable property, which a spread drops.
      super({ ...config, password: config?.password, connectionTimeoutMillis: ms });
    }
  };
}

/**
 * Settings for one client or pool of one server and database. `statementTimeoutMs` sets the
 * server's statement_timeout for the session (the server cancels a longer statement).
 */
export function clientConfig(params: ConnectionParams, sslmode: SslMode, database: string, timeoutSeconds: number, statementTimeoutMs?: number): pg.ClientConfig {
  return {
    ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
    host: params.host,
    port: params.port,
    user: params.user,
    password: params.password ?? '',
    database,
    ssl: sslOption(sslmode, params.host),
    connectionTimeoutMillis: timeoutSeconds * 1000,
    application_name: 'Warden',
  };
}

/** Settings for the pool of one server and database. */
export function poolConfig(params: ConnectionParams, sslmode: SslMode, database: string, timeouts: { connect: number; acquire: number; statementMs?: number | undefined }): pg.PoolConfig {
  return {
    ...clientConfig(params, sslmode, database, timeouts.connect, timeouts.statementMs),
    Client: clientWithConnectTimeout(timeouts.connect * 1000),
    max: poolSize,
    idleTimeoutMillis: 30_000,
    // why: in pg-pool this bounds the wait for a free slot; connecting is bounded by the Client above.
    connectionTimeoutMillis: timeouts.acquire * 1000,
  };
}

/**
 * What makes two sets of parameters reach the same server as the same user: compared by
 * value, so a params object rebuilt on every request never retires a pool. The password is
 * hashed so that no second plaintext copy is kept.
 */
export function paramsFingerprint(params: ConnectionParams): string {
  const { host, port, user, password, sslmode } = params;
  return createHash('sha256').update(JSON.stringify([host, port, user, password ?? null, sslmode])).digest('hex');
}

/** True when the failure means "this server speaks no TLS", so sslmode=prefer falls back. */
export function noSslOnServer(err: unknown): boolean {
  return err instanceof Error && /does not support SSL/i.test(err.message);
}
