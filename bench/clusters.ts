import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedServer } from '../src/main/demo/embeddedServer';
import { catalogBatches, generatorVersion, type CatalogSize } from './catalogs';

// The benchmark's clusters: one per size in .cache/bench/<size>, generated on first use
// and reused while the generator's version is unchanged.

const cacheDir = join(process.cwd(), '.cache', 'bench');

/** A running benchmark cluster: its server, a client on the `bench` database, and how to reach it. */
export interface BenchCluster {
  server: EmbeddedServer;
  client: pg.Client;
  /** A second client on `bench`: the app reads the relations through a second pooled connection. */
  second: pg.Client;
  endpoint: { host: string; port: number; user: string; password: string };
}

/** Starts (and on first use generates) the cluster for `size`, connected to its `bench` database. */
export async function serverFor(size: CatalogSize): Promise<BenchCluster> {
  const dir = join(cacheDir, size.name);
  await mkdir(dir, { recursive: true, mode: 0o711 });
  await chmod(cacheDir, 0o711);
  const stateFile = join(dir, 'state.json');
  const state = await readFile(stateFile, 'utf8').then((t) => JSON.parse(t) as { password: string; version: number | null }, () => null);
  const password = state?.password ?? randomBytes(18).toString('base64url');
  if (!state) await writeFile(stateFile, JSON.stringify({ password, version: null }), { mode: 0o600 });
  const server = new EmbeddedServer({ clusterDir: join(dir, 'cluster'), superuserPassword: password });
  const ep = await server.start();
  const client = new pg.Client({ ...ep, database: 'postgres' });
  await client.connect();
  if (state?.version !== generatorVersion) {
    process.stdout.write(`Generating catalog ${size.name} (${size.roles + 1} roles × ${size.tables} tables), cached for later runs… `);
    const t = Date.now();
    await client.query('DROP DATABASE IF EXISTS bench');
    await client.query("SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres'").then(async (r) => {
      for (const row of r.rows as { format: string }[]) await client.query(row.format);
    });
    await client.query('CREATE DATABASE bench');
    await client.end();
    const gen = new pg.Client({ ...ep, database: 'bench' });
    await gen.connect();
    for (const batch of catalogBatches(size)) await gen.query(`BEGIN;\n${batch};\nCOMMIT;`);
    await gen.query('VACUUM ANALYZE');
    await gen.end();
    await writeFile(stateFile, JSON.stringify({ password, version: generatorVersion }), { mode: 0o600 });
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else {
    await client.end();
  }
  const bench = new pg.Client({ ...ep, database: 'bench' });
  await bench.connect();
  const second = new pg.Client({ ...ep, database: 'bench' });
  await second.connect();
  return { server, client: bench, second, endpoint: { host: ep.host, port: ep.port, user: ep.user, password } };
}
