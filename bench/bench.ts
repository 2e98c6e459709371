import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { computeEffective } from '../src/shared/privileges/effective';
import { sizes, type CatalogSize } from './catalogs';
import { serverFor } from './clusters';
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
