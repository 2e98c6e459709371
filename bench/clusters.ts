import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedServer } from '../src/main/demo/embeddedServer';
import { catalogBatches, generatorVersion, sizes, type CatalogSize } from './catalogs';
import { denseCatalogBatches, denseGeneratorVersion, denseSizes, type DenseSize } from './denseCatalog';

// The benchmark's clusters: one per catalog in $WARDEN_BENCH_CACHE (default
// ~/.cache/warden-bench), generated on first use and reused while the generator's version
// is unchanged, by every checkout of the project.

/** Where the benchmark clusters are cached. */
export const cacheDir = process.env.WARDEN_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'warden-bench');

/** One benchmark catalog: its name in tables and on the command line, and how to build it. */
export interface BenchCatalog {
  /** `sparse-L`, `dense-XL`, … */
  key: string;
  /** For humans: shape, roles and tables. */
  label: string;
  version: number;
  batches: () => string[];
}

/** The sparse catalog of one size (catalogs.ts). */
export function sparseCatalog(name: CatalogSize['name']): BenchCatalog {
  const size = sizes[name];
  return { key: `sparse-${name}`, label: `sparse ${name} (${size.roles + 1} roles × ${size.tables} tables)`, version: generatorVersion, batches: () => catalogBatches(size) };
}

/** The dense catalog of one size (denseCatalog.ts). */
export function denseCatalog(name: DenseSize['name']): BenchCatalog {
  const size = denseSizes[name];
  return { key: `dense-${name}`, label: `dense ${name} (${size.roles + 1} roles × ${size.tables} tables)`, version: denseGeneratorVersion, batches: () => denseCatalogBatches(size) };
}

/** A catalog by its key (`sparse-S` … `sparse-L`, `dense-L`, `dense-XL`; a bare size means sparse). */
export function catalogByKey(key: string): BenchCatalog {
  const [shape, name] = key.includes('-') ? key.split('-', 2) : ['sparse', key];
  const upper = (name ?? '').toUpperCase();
  if (shape === 'sparse' && (upper === 'S' || upper === 'M' || upper === 'L')) return sparseCatalog(upper);
  if (shape === 'dense' && (upper === 'L' || upper === 'XL')) return denseCatalog(upper);
  throw new Error(`Unknown benchmark catalog "${key}": sparse-S, sparse-M, sparse-L, dense-L or dense-XL.`);
}

/** A running benchmark cluster: its server, a client on the `bench` database, and how to reach it. */
export interface BenchCluster {
  server: EmbeddedServer;
  client: pg.Client;
  /** A second client on `bench`: the app reads the relations through a second pooled connection. */
  second: pg.Client;
  endpoint: { host: string; port: number; user: string; password: string };
}

/** Starts (and on first use generates) the cluster of `catalog`, connected to its `bench` database. */
export async function serverFor(catalog: BenchCatalog): Promise<BenchCluster> {
  const dir = join(cacheDir, catalog.key);
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
  if (state?.version !== catalog.version) {
    process.stdout.write(`Generating catalog ${catalog.label}, cached in ${dir} for later runs… `);
    const t = Date.now();
    await client.query('DROP DATABASE IF EXISTS bench');
    await client.query("SELECT format('DROP ROLE %I', rolname) FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres'").then(async (r) => {
      for (const row of r.rows as { format: string }[]) await client.query(row.format);
    });
    await client.query('CREATE DATABASE bench');
    await client.end();
    const gen = new pg.Client({ ...ep, database: 'bench' });
    await gen.connect();
    // why: nothing here needs to survive a crash before the end (the state file says so).
    await gen.query('SET synchronous_commit = off');
    const batches = catalog.batches();
    for (const [i, batch] of batches.entries()) {
      await gen.query(`BEGIN;\n${batch};\nCOMMIT;`);
      if (i % 50 === 49) process.stdout.write('.');
    }
    await gen.query('VACUUM ANALYZE pg_catalog.pg_class, pg_catalog.pg_attribute, pg_catalog.pg_namespace, pg_catalog.pg_authid, pg_catalog.pg_auth_members, pg_catalog.pg_depend, pg_catalog.pg_shdepend, pg_catalog.pg_type');
    await gen.query('CHECKPOINT');
    await gen.end();
    await writeFile(stateFile, JSON.stringify({ password, version: catalog.version }), { mode: 0o600 });
    console.log(` ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } else {
    await client.end();
  }
  const bench = new pg.Client({ ...ep, database: 'bench' });
  await bench.connect();
  const second = new pg.Client({ ...ep, database: 'bench' });
  await second.connect();
  return { server, client: bench, second, endpoint: { host: ep.host, port: ep.port, user: ep.user, password } };
}
