import { loadCatalog } from '../src/main/backend/catalog/loadCatalog';
import type { CatalogSnapshot } from '../src/shared/catalog/snapshot';
import { buildAccessContext } from '../src/shared/privileges/accessColumn';
import { computeEffective } from '../src/shared/privileges/effective';
import { PG_READ_ALL_DATA_OID } from '../src/shared/privileges/predefined';
import { relationView } from '../src/shared/views/relationView';
import { roleView, viewEngine, type ViewEngine } from '../src/shared/views/roleView';
import { relationViewCsv, roleViewCsv } from '../src/shared/views/viewCsv';
import { catalogByKey, serverFor } from './clusters';
import { benchArgs } from './benchArgs';
import { productionSnapshot } from './productionSnapshot';

// `npm run bench -- --views [--sizes dense-L] [--runs 7]`: times what the views worker does
// for the role view and the table view (issue 13 item 4) on 20,000 relations: the engine
// built once per catalog, one role view per kind of role, one relation view, their CSV,
// next to the matrix's own compute in the same run (the yardstick on a shared machine).

const { sizes, runs, time } = benchArgs();
// why: by default only the in-memory catalog (no cluster to start).
const wanted = sizes('none');

/** The roles worth timing: a user in the most groups, the owner of the most relations, a pg_read_all_data member, a superuser. */
function pickRoles(snap: CatalogSnapshot): [string, number][] {
  const count = (xs: number[]) => {
    const m = new Map<number, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const login = new Set(snap.roles.filter((r) => r.canLogin && !r.superuser).map((r) => r.oid));
  const picks: [string, number | undefined][] = [
    ['user in the most groups', count(snap.memberships.filter((m) => login.has(m.member)).map((m) => m.member))],
    ['owner of the most relations', count(snap.relations.map((r) => r.owner).filter((o) => !snap.roles.find((r) => r.oid === o)?.superuser))],
    // why: a member that inherits (sparse L's only member is NOINHERIT: it holds nothing through it).
    ['member of pg_read_all_data', snap.memberships.find((m) => m.roleid === PG_READ_ALL_DATA_OID && (m.inheritOption ?? snap.roles.find((r) => r.oid === m.member)?.inherit))?.member],
    ['superuser', snap.roles.find((r) => r.superuser)?.oid],
  ];
  return picks.flatMap(([label, oid]) => (oid === undefined ? [] : [[label, oid] as [string, number]]));
}

function rows(label: string, snap: CatalogSnapshot): string[] {
  const matrix = time(() => {
    computeEffective(snap);
  });
  const engineMs = time(() => {
    viewEngine(snap, buildAccessContext(snap));
  });
  const out = [`| ${label} | engine (once per catalog) | — | ${engineMs.toFixed(1)} | — | — | — | ${matrix.toFixed(1)} |`];
  // why: the engine keeps the ACLs it parsed; "first" is a view on a fresh engine (what the
  // first question of a dialog costs, engine included), "again" one on a warm engine.
  const warm: ViewEngine = viewEngine(snap, buildAccessContext(snap));
  for (const [who, oid] of pickRoles(snap)) {
    let n = 0;
    const first = time(() => {
      n = roleView(viewEngine(snap, buildAccessContext(snap)), oid)?.relations.length ?? 0;
    });
    const again = time(() => {
      roleView(warm, oid);
    });
    const v = roleView(warm, oid);
    // why: the page receives the view as a structured clone of one page (200 rows, as the
    // dialog asks); this is its cost, both sides. The whole view is what the page would pay without paging.
    const clone = time(() => {
      if (v !== null) structuredClone({ ...v, relations: v.relations.slice(0, 200) });
    });
    const cloneAll = time(() => {
      structuredClone(v);
    });
    let csv = '';
    const write = time(() => {
      csv = v === null ? '' : roleViewCsv(v);
    });
    out.push(`| ${label} | role view: ${who} | ${n.toLocaleString('en')} relations | ${first.toFixed(1)} | ${again.toFixed(1)} | ${clone.toFixed(1)} (whole: ${cloneAll.toFixed(1)}) | ${write.toFixed(1)} (${(csv.length / 1024 / 1024).toFixed(1)} MB) | ${matrix.toFixed(1)} |`);
  }
  const ctx = warm.ctx;
  const rel = snap.relations[Math.floor(snap.relations.length / 2)];
  if (rel !== undefined) {
    let holders = 0;
    const first = time(() => {
      holders = relationView(snap, buildAccessContext(snap), rel.oid)?.holders.length ?? 0;
    });
    const again = time(() => {
      relationView(snap, ctx, rel.oid);
    });
    const v = relationView(snap, ctx, rel.oid);
    const write = time(() => {
      if (v !== null) relationViewCsv(v);
    });
    out.push(`| ${label} | table view | ${holders.toLocaleString('en')} roles | ${first.toFixed(1)} | ${again.toFixed(1)} | — | ${write.toFixed(1)} | ${matrix.toFixed(1)} |`);
  }
  return out;
}

async function main(): Promise<void> {
  console.log(`Views benchmark: medians of ${runs} runs after two warm-up runs, Node ${process.version}`);
  const all: string[] = [];
  for (const key of wanted) {
    const catalog = catalogByKey(key);
    const { server, client, second } = await serverFor(catalog);
    try {
      all.push(...rows(`cluster ${catalog.label}`, await loadCatalog(client, { relationsClient: second })));
    } finally {
      await client.end();
      await second.end();
      await server.stop();
    }
  }
  all.push(...rows('production-shaped (in memory, 1,004 × 20,000)', productionSnapshot()));
  console.log('\n| catalog | what | rows | first ms | again ms | reply clone ms, 200 rows | CSV ms | matrix compute ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of all) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
