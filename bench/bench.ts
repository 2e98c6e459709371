import pg from 'pg';
import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { clientConfig } from '../src/main/backend/poolConfig';
import { parseConnectionUrl } from '../src/shared/connections/params';
import { computeEffective } from '../src/shared/privileges/effective';
import { cellBytes } from '../src/shared/privileges/matrixCells';
import { catalogByKey, serverFor } from './clusters';
import { informationSchemaQuery, psqlDpQuery } from './peerQueries';
import { timeProcesses } from './processes';

// `npm run bench [-- --sizes S,M,L,dense-L,dense-XL --runs 7 --processes 5]`: times Warden's
// whole-matrix load + compute against psql's \dp query and information_schema.table_privileges,
// on the same server in the same run, then (with --processes N) the whole `cli matrix`
// process against `psql -c '\dp *.*'`. Generated catalogs are cached (clusters.ts).
// `--url postgres://…` benchmarks that server's database instead, read-only.

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const url = arg('url', '');
const wanted = arg('sizes', 'S,M,L,dense-L').split(',').map((s) => s.trim()).filter((s) => s !== '');
const runs = Number(arg('runs', '7'));
const processRuns = Number(arg('processes', '0'));
/** `--warden-only`: time Warden alone (e.g. under `node --cpu-prof`, so peers stay out of the profile). */
const wardenOnly = args.includes('--warden-only');
/** `--no-information-schema`: leave that peer out (it takes minutes on dense XL). */
const noInfoSchema = args.includes('--no-information-schema');

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

/** A database to measure: two connections and a URL for the whole-process contenders. */
interface Target {
  name: string;
  client: pg.Client;
  second: pg.Client;
  url: string;
  close: () => Promise<void>;
}

/** The server behind `--url`, read-only: every session refuses writes. */
async function urlTarget(text: string): Promise<Target> {
  const parsed = parseConnectionUrl(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const p = parsed.params;
  const connect = async () => {
    const c = new pg.Client(clientConfig(p, p.sslmode === 'prefer' ? 'disable' : p.sslmode, p.database, 10));
    await c.connect();
    await c.query('SET default_transaction_read_only = on');
    return c;
  };
  const client = await connect();
  const second = await connect();
  return { name: `${p.host}:${p.port}/${p.database}`, client, second, url: text, close: async () => {
      await Promise.all([client.end(), second.end()]);
    }, };
}

/** A generated catalog's cluster, started (and generated on first use). */
async function catalogTarget(key: string): Promise<Target> {
  const catalog = catalogByKey(key);
  const { server, client, second, endpoint } = await serverFor(catalog);
  const e = endpoint;
  const targetUrl = `postgres://${e.user}:${encodeURIComponent(e.password)}@${e.host}:${e.port}/bench?sslmode=disable`;
  return {
    name: catalog.key,
    client,
    second,
    url: targetUrl,
    close: async () => {
      await client.end();
      await second.end();
      await server.stop();
    },
  };
}

async function main(): Promise<void> {
  console.log(`Warden benchmark: medians of ${runs} runs after three warm-up runs, Node ${process.version}`);
  const rows: string[] = [];
  const processRows: string[] = [];
  const targets = url !== '' ? [() => urlTarget(url)] : wanted.map((key) => () => catalogTarget(key));
  for (const open of targets) {
    const target = await open();
    const { client, second } = target;
    // why: as the app does (loadCatalogPooled), the relations come through a second connection.
    const options = { relationsClient: second };
    try {
      let matrixBytes = 0;
      let cells = 0;
      const loaded = await loadCatalog(client, options);
      const [computeOnly = []] = await timeEach([() => Promise.resolve(computeEffective(loaded))]);
      const [warden = [], loadOnly = [], dp = [], infoSchema = []] = await timeEach([
        async () => {
          const snap = await loadCatalog(client, options);
          const m = computeEffective(snap);
          matrixBytes = cellBytes(m) + m.roleOids.byteLength + m.relationOids.byteLength;
          cells = m.roleOids.length * m.relationOids.length;
        },
        ...(wardenOnly
          ? []
          : [() => loadCatalog(client, options), () => client.query(psqlDpQuery), ...(noInfoSchema ? [] : [() => client.query(informationSchemaQuery)])]),
      ]);
      const w = median(warden);
      rows.push(
        [
          target.name,
          cells.toLocaleString('en'),
          median(computeOnly).toFixed(1),
          median(loadOnly).toFixed(1),
          w.toFixed(1),
          median(dp).toFixed(1),
          median(infoSchema).toFixed(1),
          `${(w / median(dp)).toFixed(2)}×`,
          `${(w / median(infoSchema)).toFixed(2)}×`,
          `${(matrixBytes / 1024 / 1024).toFixed(1)} MB`,
        ].join(' | '),
      );
      if (processRuns > 0) processRows.push(`${target.name} | ${await timeProcesses(target.url, processRuns)}`);
    } finally {
      await target.close();
    }
  }
  console.log('\n| catalog | cells | Warden compute ms | Warden load ms | Warden load+compute ms | \\dp ms | information_schema ms | Warden / \\dp | Warden / info_schema | matrix memory |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r} |`);
  if (processRows.length > 0) {
    console.log(`\nWhole processes, medians of ${processRuns} runs (output to /dev/null; peak RSS from /usr/bin/time):`);
    console.log('\n| catalog | cli matrix csv s | cli peak RSS MB | cli jsonl s | `psql -c \'\\dp *.*\'` s | psql peak RSS MB | cli csv / psql | rows |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of processRows) console.log(`| ${r} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
