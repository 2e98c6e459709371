import { randomBytes } from 'node:crypto';
import { chmod, cp, lchown, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedServer } from '../../src/main/demo/embeddedServer';
import { serverAccount } from '../../src/main/demo/runAs';
import { binariesPackageFor, majorInstalled, testClusterSettings } from './testServer';
import { makeTempDir } from './tempDir';

// why: roles are cluster-wide, so comparing what two ways of running the same changes do
// to roles needs two clusters. Copying one stopped cluster gives clones that are
// byte-identical (same oids, same SCRAM salts in pg_authid), which two initdb runs never are.

/** How to reach one running clone, as its superuser. */
export interface CloneParams {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** One running copy of the template cluster. */
export interface ClusterClone {
  name: string;
  params: CloneParams;
  /** The server's log file (for checks that a secret never reached it). */
  logFile: string;
  /** A connected client to a database of this clone, as the superuser; the caller ends it. */
  connect: (database: string) => Promise<pg.Client>;
}

/** A template cluster prepared once, and its running clones. */
export interface ClonedClusters {
  major: number;
  clones: ClusterClone[];
  /** The template's server log (seeding happened there). */
  templateLog: string;
  stop(): Promise<void>;
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await lchown(dir, uid, gid);
  for (const entry of await readdir(dir, { recursive: true })) await lchown(join(dir, entry), uid, gid);
}

function connector(params: CloneParams) {
  return async (database: string): Promise<pg.Client> => {
    const client = new pg.Client({ ...params, database, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
}

/**
 * Initialises a cluster of `major`, runs `prepare` on it (the demo seed and any extras),
 * stops it, copies it once per name and starts every copy. Always embedded clusters, even
 * with WARDEN_TEST_PG_URL set: a shared server cannot give fresh, identical roles.
 */
export async function startClonedClusters(
  major: number,
  names: readonly string[],
  prepare: (connect: (database: string) => Promise<pg.Client>) => Promise<void>,
): Promise<ClonedClusters> {
  if (!majorInstalled(major)) throw new Error(`PostgreSQL ${major} binaries (${binariesPackageFor(major)}) are not installed.`);
  const dir = await makeTempDir(`clones${major}`);
  const password = randomBytes(18).toString('base64url');
  const binariesPackage = binariesPackageFor(major);
  const servers: EmbeddedServer[] = [];
  const stop = async (): Promise<void> => {
    for (const s of servers) await s.stop();
    await dir.remove();
  };
  try {
    const template = new EmbeddedServer({ clusterDir: join(dir.path, 'template'), superuserPassword: password, binariesPackage, settings: testClusterSettings });
    servers.push(template);
    const ep = await template.start();
    await prepare(connector({ host: ep.host, port: ep.port, user: ep.user, password }));
    await template.stop();
    const account = serverAccount();
    const clones: ClusterClone[] = [];
    for (const name of names) {
      const clusterDir = join(dir.path, name);
      await cp(template.clusterDir, clusterDir, { recursive: true });
      await rm(join(clusterDir, 'postgres.log'), { force: true });
      // why: PostgreSQL refuses a data directory readable by others, and as root the
      // copy belongs to root until it is handed to the postgres OS user.
      await chmod(join(clusterDir, 'pgdata'), 0o700);
      if (account) await chownTree(clusterDir, account.uid, account.gid);
      const server = new EmbeddedServer({ clusterDir, superuserPassword: password, binariesPackage, settings: testClusterSettings });
      servers.push(server);
      const cep = await server.start();
      if (server.clusterDir !== clusterDir) throw new Error(`Clone ${name} was moved to ${server.clusterDir}; it would not be a copy.`);
      const params = { host: cep.host, port: cep.port, user: cep.user, password };
      clones.push({ name, params, logFile: server.logFile, connect: connector(params) });
    }
    return { major, clones, templateLog: template.logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The cluster's system identifier: equal on every copy of one initdb, different otherwise. */
export async function systemIdentifier(clone: ClusterClone): Promise<string> {
  const c = await clone.connect('postgres');
  try {
    return (await c.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0]?.id ?? '';
  } finally {
    await c.end();
  }
}
