import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { computeEffective } from '../src/shared/privileges/effective';
import { cellBytes } from '../src/shared/privileges/matrixCells';
import { sizes, type CatalogSize } from './catalogs';
import { serverFor } from './clusters';
import { informationSchemaQuery, psqlDpQuery } from './peerQueries';

// `npm run bench [-- --sizes S,M,L --runs 7]`: times Warden's whole-matrix load + compute
// against psql's \dp query and information_schema.table_privileges, on the same server in
// the same run. Generated catalogs are cached in .cache/bench (one cluster per size).

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const wanted = arg('sizes', 'S,M,L').split(',').map((s) => s.trim().toUpperCase()) as CatalogSize['name'][];
const runs = Number(arg('runs', '7'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Times each contender `runs` times after three warm-up runs, one contender after the other.
 * why: interleaving them (A B C D, A B C D…) made each pay for the garbage of the one
 * before it (information_schema's large result was collected inside Warden's run), and a
 * forced collection before each run slowed every contender down by shrinking the heap.
 */
async function timeEach(contenders: (() => Promise<unknown>)[]): Promise<number[][]> {
  const out: number[][] = [];
  for (const fn of contenders) {
    // warm-up: plans, caches and the JIT, as in an app that has been open a while
    for (let i = 0; i < 3; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await fn();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    out.push(times);
  }
  return out;
}

async function main(): Promise<void> {
  console.log(`Warden benchmark: medians of ${runs} runs after three warm-up runs, Node ${process.version}`);
  const rows: string[] = [];
  for (const name of wanted) {
    const size = sizes[name];
    const { server, client, second } = await serverFor(size);
    // why: as the app does (loadCatalogPooled), the relations come through a second connection.
    const options = { relationsClient: second };
    try {
      let matrixBytes = 0;
      let cells = 0;
      const [warden = [], loadOnly = [], dp = [], infoSchema = []] = await timeEach([
        async () => {
          const snap = await loadCatalog(client, options);
          const m = computeEffective(snap);
          matrixBytes = cellBytes(m) + m.roleOids.byteLength + m.relationOids.byteLength;
          cells = m.roleOids.length * m.relationOids.length;
        },
        () => loadCatalog(client, options),
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
      await second.end();
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
