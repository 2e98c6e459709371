import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedServer } from '../src/main/demo/embeddedServer';
import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { computeEffective } from '../src/shared/privileges/effective';
import { catalogBatches, generatorVersion, sizes, type CatalogSize } from './catalogs';
import { informationSchemaQuery, psqlDpQuery } from './peerQueries';

// `npm run bench [-- --sizes S,M,L --runs 7]`: times Warden's whole-matrix load + compute
// against psql's \dp query and information_schema.table_privileges, on the same server in
// the same run, interleaved. Generated catalogs are cached in .cache/bench (one cluster per size).

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const wanted = arg('sizes', 'S,M,L').split(',').map((s) => s.trim().toUpperCase()) as CatalogSize['name'][];
const runs = Number(arg('runs', '7'));
const cacheDir = join(process.cwd(), '.cache', 'bench');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Times each contender `runs` times after one warm-up of each, interleaved (A B C D, A B C D,
 * …) so that load from elsewhere on the machine falls on all of them alike.
 */
async function timeInterleaved(contenders: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (const fn of contenders) await fn(); // warm-up: plans and caches, as in an app that has been open a while
  const out = contenders.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of contenders.entries()) {
      const t = process.hrtime.bigint();
      await fn();
      out[k]?.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return out;
}

async function serverFor(size: CatalogSize): Promise<{ server: EmbeddedServer; client: pg.Client }> {
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
  return { server, client: bench };
}

async function main(): Promise<void> {
  console.log(`Warden benchmark: medians of ${runs} runs after one warm-up, Node ${process.version}`);
  const rows: string[] = [];
  for (const name of wanted) {
    const size = sizes[name];
    const { server, client } = await serverFor(size);
    try {
      let matrixBytes = 0;
      let cells = 0;
      const [warden = [], loadOnly = [], dp = [], infoSchema = []] = await timeInterleaved([
        async () => {
          const snap = await loadCatalog(client);
          const m = computeEffective(snap);
          matrixBytes = m.classOf.byteLength + m.privileges.byteLength + m.grantable.byteLength + m.relevant.byteLength + m.superuser.byteLength + m.roleOids.byteLength + m.relationOids.byteLength;
          cells = m.roleOids.length * m.relationOids.length;
        },
        () => loadCatalog(client),
        () => client.query(psqlDpQuery),
        () => client.query(informationSchemaQuery),
      ]);
      const w = median(warden);
      rows.push(
        [
          name,
          cells.toLocaleString('en'),
          median(loadOnly).toFixed(1),
          w.toFixed(1),
          median(dp).toFixed(1),
          median(infoSchema).toFixed(1),
          `${(w / median(dp)).toFixed(2)}×`,
          `${(w / median(infoSchema)).toFixed(2)}×`,
          `${(matrixBytes / 1024 / 1024).toFixed(1)} MB`,
        ].join(' | '),
      );
    } finally {
      await client.end();
      await server.stop();
    }
  }
  console.log('\n| size | cells | Warden load ms | Warden load+compute ms | \\dp ms | information_schema ms | Warden / \\dp | Warden / info_schema | matrix memory |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r} |`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
