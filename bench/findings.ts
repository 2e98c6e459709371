import { performance } from 'node:perf_hooks';
import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { JsonReply } from '../src/main/backend/dispatcher';
import { FindingsPool } from '../src/main/backend/findings/findingsPool';
import { listFindings } from '../src/main/backend/findings/listFindings';
import { api } from '../src/shared/api/contract';
import { computeEffective } from '../src/shared/privileges/effective';
import type { CatalogSnapshot } from '../src/shared/catalog/snapshot';
import { catalogByKey, serverFor } from './clusters';
import { benchArgs, median } from './benchArgs';
import { productionSnapshot } from './productionSnapshot';
import { longestBlock } from '../tests/support/longestBlock';

// `npm run bench -- --findings [--sizes L --runs 7]`: times findings.list's work in the
// backend: the rules alone, the rules plus the SQL of every fix, and the dispatcher's zod
// check of the reply, on the benchmark clusters and on an in-memory production-shaped catalog;
// then how long findings.list keeps the backend's main thread from answering anything else,
// computed on it (as before) and in the findings worker thread (`--sizes none` for that alone).

const { sizes, runs, time } = benchArgs();
const wanted = sizes('sparse-L,dense-L');

function row(label: string, snap: CatalogSnapshot): string {
  // why: the machine is shared; the matrix's own compute in the same run is the yardstick.
  const matrix = time(() => {
    computeEffective(snap);
  });
  let reply = listFindings(snap, 'postgres', new Map());
  const rules = time(() => {
    reply = listFindings(snap, 'postgres', new Map());
  });
  const check = time(() => {
    api['findings.list'].output.parse(reply);
  });
  const computeMs = median(Array.from({ length: runs }, () => listFindings(snap, 'postgres', new Map()).computeMs));
  const bytes = JSON.stringify(reply).length;
  const byRule = new Map<string, number>();
  for (const f of reply.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  console.log(`${label}: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`);
  return `| ${label} | ${snap.roles.length.toLocaleString('en')} × ${snap.relations.length.toLocaleString('en')} | ${reply.findings.length.toLocaleString('en')} | ${matrix.toFixed(1)} | ${computeMs.toFixed(1)} | ${rules.toFixed(1)} | ${check.toFixed(1)} | ${(bytes / 1024 / 1024).toFixed(1)} MB |`;
}

/** What one run of `work` costs the main thread: its longest block, and its busy time. */
interface MainThreadCost {
  longestMs: number;
  busyMs: number;
  totalMs: number;
}

async function mainThreadCost(work: () => Promise<unknown>): Promise<MainThreadCost> {
  // why: a 1 ms timer on the main thread runs whenever the thread is free; the longest gap
  // between two runs is the longest time a request (roles.list on another server) would wait.
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const { blockedMs: longest } = await longestBlock(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await work();
  }, 1);
  const totalMs = performance.now() - started;
  const used = performance.eventLoopUtilization(elu);
  return { longestMs: longest, busyMs: used.active, totalMs };
}

/** findings.list's main-thread cost on one snapshot: rules, check and reply JSON here, then in the worker. */
async function blockRows(label: string, snap: CatalogSnapshot): Promise<string[]> {
  const here = () => {
    const reply = api['findings.list'].output.parse(listFindings(snap, 'postgres', new Map()));
    // The HTTP transport's JSON of the envelope, as it was sent before.
    return Promise.resolve(JSON.stringify({ ok: true, value: reply }).length);
  };
  const pool = new FindingsPool(new URL('./findingsWorker.mjs', import.meta.url));
  const inWorker = async () => {
    const reply = await pool.list(snap, 'postgres', new Map());
    if (!(reply instanceof JsonReply)) throw new Error('the worker did not answer');
    // The HTTP transport splices the worker's text into the envelope.
    return `{"ok":true,"value":${reply.json}}`.length;
  };
  const rows: string[] = [];
  try {
    await inWorker(); // starts the worker
    // why: the worker first, so the garbage the main-thread runs leave behind is not collected during its turn.
    for (const [where, work] of [['findings worker (after)', inWorker], ['main thread (before)', here]] as const) {
      const costs: MainThreadCost[] = [];
      for (let i = 0; i < runs; i++) costs.push(await mainThreadCost(work));
      const m = (k: keyof MainThreadCost) => median(costs.map((c) => c[k])).toFixed(0);
      rows.push(`| ${label} | ${where} | ${m('totalMs')} | ${m('longestMs')} | ${m('busyMs')} |`);
    }
  } finally {
    await pool.close();
  }
  return rows;
}

async function main(): Promise<void> {
  console.log(`Findings benchmark: medians of ${runs} runs after two warm-up runs, Node ${process.version}`);
  // why: first, on a heap without the matrices and replies of the timings below (the
  // backend holds none of them), so their garbage collection is not counted against it.
  const blocks = await blockRows('production-shaped (in memory)', productionSnapshot());
  const rows: string[] = [];
  for (const key of wanted) {
    const catalog = catalogByKey(key);
    const { server, client, second } = await serverFor(catalog);
    try {
      rows.push(row(`cluster ${catalog.label}`, await loadCatalog(client, { relationsClient: second })));
    } finally {
      await client.end();
      await second.end();
      await server.stop();
    }
  }
  rows.push(row('production-shaped (in memory)', productionSnapshot()));
  console.log('\n| catalog | roles × relations | findings | matrix compute ms | rules ms | rules + fix SQL ms | reply zod check ms | reply size |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);

  console.log('\nfindings.list on the main thread: medians of its longest block (the longest gap of a 1 ms timer) and its busy time (event loop utilization)');
  console.log('\n| catalog | computed on | findings.list ms | longest main-thread block ms | main thread busy ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of blocks) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
