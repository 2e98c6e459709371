import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import { listFindings } from '../src/main/backend/findings/listFindings';
import { api } from '../src/shared/api/contract';
import { computeEffective } from '../src/shared/privileges/effective';
import type { CatalogSnapshot } from '../src/shared/catalog/snapshot';
import { catalogByKey, serverFor } from './clusters';
import { benchArgs, median } from './benchArgs';
import { productionSnapshot } from './productionSnapshot';

// `npm run bench -- --findings [--sizes L --runs 7]`: times findings.list's work in the
// backend: the rules alone, the rules plus the SQL of every fix, and the dispatcher's zod
// check of the reply, on the benchmark clusters and on an in-memory production-shaped catalog.

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

async function main(): Promise<void> {
  console.log(`Findings benchmark: medians of ${runs} runs after two warm-up runs, Node ${process.version}`);
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
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
