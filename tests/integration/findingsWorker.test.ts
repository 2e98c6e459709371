import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionSnapshot } from '../../bench/productionSnapshot';
import { JsonReply } from '../../src/main/backend/dispatcher';
import { FindingsPool } from '../../src/main/backend/findings/findingsPool';
import { listFindings } from '../../src/main/backend/findings/listFindings';
import { api, type Output } from '../../src/shared/api/contract';
import type { CatalogSnapshot } from '../../src/shared/catalog/snapshot';
import { buildFindingsWorker } from '../support/findingsWorker';
import { longestBlock } from '../support/longestBlock';

// why: findings.list's rules and the check of their reply take about a second on a large
// catalog (docs/performance.md); they run in a worker thread so the backend's main thread
// keeps answering other requests. This runs the worker as the app builds it.

let worker: Awaited<ReturnType<typeof buildFindingsWorker>>;
let pool: FindingsPool;
const now = new Date('2026-12-02T12:00:00Z');
/** One acknowledgement, of the production-shaped catalog's first finding. */
const acks = new Map([[listFindings(productionSnapshot(120, 600, 6), 'postgres', new Map(), now).findings[0]?.key ?? '', { reason: 'test', at: now.toISOString() }]]);

beforeAll(async () => {
  worker = await buildFindingsWorker();
  pool = new FindingsPool(worker.url);
});

afterAll(async () => {
  await pool.close();
  await worker.remove();
});

/** The reply as the dispatcher would send it, without the time it took. */
function withoutTiming(reply: Output<'findings.list'> | JsonReply<Output<'findings.list'>>): unknown {
  expect(reply).toBeInstanceOf(JsonReply);
  const value = reply instanceof JsonReply ? (JSON.parse(reply.json) as Output<'findings.list'>) : reply;
  return { ...value, computeMs: 0 };
}

describe('the findings worker', () => {
  it('answers what the rules answer on this thread, checked by the contract, as JSON text', async () => {
    const snapshot = productionSnapshot(120, 600, 6);
    const here = api['findings.list'].output.parse(listFindings(snapshot, 'postgres', acks, now));
    expect(here.findings.length).toBeGreaterThan(10);
    expect(here.findings.some((f) => f.acknowledged !== null)).toBe(true);
    expect(withoutTiming(await pool.list(snapshot, 'postgres', acks, now))).toEqual({ ...here, computeMs: 0 });
  });

  it('keeps the main thread free while it computes a production-shaped catalog', async () => {
    const snapshot = productionSnapshot();
    // The same work on this thread, as findings.list did it before: the rules, the reply's
    // check, and the reply's JSON (what the HTTP transport sends).
    const onThread = await longestBlock(() => {
      const reply = api['findings.list'].output.parse(listFindings(snapshot, 'postgres', acks, now));
      return Promise.resolve({ reply, bytes: JSON.stringify(reply).length });
    });
    const inWorker = await longestBlock(() => pool.list(snapshot, 'postgres', acks, now));
    expect(withoutTiming(inWorker.value)).toEqual({ ...onThread.value.reply, computeMs: 0 });
    // What is left here is copying the snapshot over and the reply's text back.
    expect(onThread.blockedMs).toBeGreaterThan(300);
    expect(inWorker.blockedMs).toBeLessThan(onThread.blockedMs / 3);
    console.log(`longest main-thread block: ${onThread.blockedMs.toFixed(0)} ms on this thread, ${inWorker.blockedMs.toFixed(0)} ms with the worker`);
  }, 120_000);

  it('fails one task in plain words when the rules throw, and goes on with the next one', async () => {
    const broken = { ...productionSnapshot(10, 20, 2), roles: null } as unknown as CatalogSnapshot;
    await expect(pool.list(broken, 'postgres', new Map(), now)).rejects.toThrow(/./);
    const fine = await pool.list(productionSnapshot(10, 20, 2), 'postgres', new Map(), now);
    expect(fine).toBeInstanceOf(JsonReply);
  });

  it('starts a new worker when its worker was stopped under it', async () => {
    const first = pool.list(productionSnapshot(200, 4000, 10), 'postgres', new Map(), now);
    // A worker that dies (out of memory, a crash) fails what it was computing, nothing more.
    const internal = pool as unknown as { worker: { terminate(): Promise<number> } | null };
    await internal.worker?.terminate();
    await expect(first).rejects.toThrow(/findings worker stopped/);
    expect(await pool.list(productionSnapshot(10, 20, 2), 'postgres', new Map(), now)).toBeInstanceOf(JsonReply);
  });
});
