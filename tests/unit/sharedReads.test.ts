import { describe, expect, it } from 'vitest';
import { SharedCatalogReads, type CatalogLoader } from '../../src/main/backend/catalog/sharedReads';
import { ConnectionRegistry } from '../../src/main/backend/connectionRegistry';
import type { CatalogSnapshot } from '../../src/shared/catalog/snapshot';
import type { ConnectionParams } from '../../src/shared/connections/params';

// The sharing rules alone, with a loader the test answers by hand and a clock it moves;
// tests/integration/ownServer.test.ts counts the reads on a real server.

const params: ConnectionParams = { host: 'db.example', port: 5432, user: 'admin', password: 'pw', database: 'postgres', sslmode: 'disable' };
const other: ConnectionParams = { ...params, host: 'other.example' };

interface Pending {
  database: string;
  host: string;
  signal: AbortSignal | undefined;
  answer: (snapshot: CatalogSnapshot) => void;
  fail: (err: Error) => void;
}

function setup(limits = { keepMs: 5_000, maxKept: 4 }) {
  // why: only for its request tracker; the loader below never opens a connection.
  const registry = new ConnectionRegistry(1);
  const loads: Pending[] = [];
  const load: CatalogLoader = (_id, p, database, onProgress) =>
    new Promise((resolve, reject) => {
      onProgress('12 relations read');
      loads.push({ database, host: p.host, signal: registry.requests.current()?.signal, answer: resolve, fail: reject });
    });
  let clock = 1_000;
  const reads = new SharedCatalogReads(registry, limits, () => clock, load);
  return { registry, reads, loads, tick: (ms: number) => (clock += ms) };
}

const snapshotOf = (name: string) => ({ database: { name } }) as unknown as CatalogSnapshot;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SharedCatalogReads', () => {
  it('reads once for requests at the same time, and for findings a moment later, never for the matrix', async () => {
    const { reads, loads, tick } = setup();
    const a = reads.read('c1', params, 'shop', 'running');
    const b = reads.read('c2', { ...params }, 'shop', 'recent');
    expect(loads).toHaveLength(1);
    loads[0]?.answer(snapshotOf('shop'));
    expect(await a).toBe(await b);
    // findings.list a moment later shares it; catalog.load (Reload's read) does not.
    void reads.read('c1', params, 'shop', 'recent');
    expect(loads).toHaveLength(1);
    void reads.read('c1', params, 'shop', 'running');
    expect(loads).toHaveLength(2);
    loads[1]?.answer(snapshotOf('shop'));
    await settle();
    tick(5_001);
    void reads.read('c1', params, 'shop', 'recent');
    expect(loads).toHaveLength(3);
  });

  it('keeps reads apart per database and per settings, and forgets a server on invalidate', async () => {
    const { reads, loads } = setup();
    void reads.read('c1', params, 'shop', 'recent');
    void reads.read('c1', params, 'crm', 'recent');
    void reads.read('c1', { ...params, user: 'reader' }, 'shop', 'recent');
    void reads.read('c3', other, 'shop', 'recent');
    expect(loads).toHaveLength(4);
    const before = reads.read('c1', params, 'shop', 'recent');
    reads.invalidate('db.example:5432');
    // A read from before the change is never given to a later request, however recent.
    void reads.read('c1', params, 'shop', 'recent');
    void reads.read('c3', other, 'shop', 'recent');
    expect(loads.map((l) => `${l.host}/${l.database}`)).toEqual([
      'db.example/shop',
      'db.example/crm',
      'db.example/shop',
      'other.example/shop',
      'db.example/shop',
    ]);
    // Who waited for the old read still gets it.
    loads[0]?.answer(snapshotOf('old'));
    expect((await before).database.name).toBe('old');
  });

  it('keeps at most maxKept finished reads', async () => {
    const { reads, loads } = setup({ keepMs: 60_000, maxKept: 2 });
    for (const db of ['a', 'b', 'c']) {
      const done = reads.read('c1', params, db, 'recent');
      loads.at(-1)?.answer(snapshotOf(db));
      await done;
    }
    void reads.read('c1', params, 'a', 'recent');
    void reads.read('c1', params, 'c', 'recent');
    expect(loads.map((l) => l.database)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('tells every waiting request the progress, and fails them all when the read fails', async () => {
    const { registry, reads, loads } = setup();
    const seen: (string | null)[] = [];
    const both = ['r1', 'r2'].map((id) =>
      registry.requests.run(id, 'findings.list', async () => {
        const got = reads.read('c1', params, 'shop', 'recent').catch((err: unknown) => err);
        seen.push(registry.requests.status([id])[0]?.progress ?? null);
        return got;
      }),
    );
    expect(seen).toEqual(['12 relations read', '12 relations read']);
    loads[0]?.fail(new Error('permission denied'));
    expect((await Promise.all(both)).map((e) => (e instanceof Error ? e.message : e))).toEqual(['permission denied', 'permission denied']);
    // A failed read is not kept.
    void reads.read('c1', params, 'shop', 'recent');
    expect(loads).toHaveLength(2);
  });

  it("goes on when one waiter cancels, and stops the read when the last one has", async () => {
    const { registry, reads, loads } = setup();
    const wait = (id: string) => registry.requests.run(id, 'catalog.load', () => reads.read('c1', params, 'shop', 'recent')).then(() => 'answered', (err: unknown) => (err instanceof Error ? err.message : String(err)));
    const matrix = wait('matrix');
    const findings = wait('findings');
    expect(loads).toHaveLength(1);
    await registry.requests.cancel('matrix');
    expect(await matrix).toMatch(/^Cancelled/);
    expect(loads[0]?.signal?.aborted).toBe(false);
    loads[0]?.answer(snapshotOf('shop'));
    expect(await findings).toBe('answered');

    reads.invalidate(null);
    const a = wait('a');
    const b = wait('b');
    await registry.requests.cancel('a');
    await registry.requests.cancel('b');
    expect([await a, await b].every((m) => m.startsWith('Cancelled'))).toBe(true);
    expect(loads[1]?.signal?.aborted).toBe(true);
    // Nobody can join a read that was stopped: the next request reads again.
    void reads.read('c1', params, 'shop', 'recent');
    expect(loads).toHaveLength(3);
  });
});
