import { describe, expect, it } from 'vitest';
import type { Api, Input, Method, Output } from '../../../shared/api/contract';
import { QueryCache } from './queryCache';

/** An Api whose calls are recorded and answered when the test says. */
function fakeApi() {
  const calls: { method: Method; input: unknown; answer: (value: unknown) => void }[] = [];
  const api: Api = {
    invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      return new Promise<Output<M>>((resolve) => calls.push({ method, input, answer: (v) => resolve(v as Output<M>) }));
    },
  };
  return { api, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryCache.refreshServer', () => {
  it('reads the server again only after the backend forgot its shared catalog reads', async () => {
    const { api, calls } = fakeApi();
    const cache = new QueryCache(api);
    const key = cache.ensure('findings.list', { connectionId: 'c1', database: 'd' });
    const stop = cache.subscribe(key, () => undefined);
    await tick();
    expect(calls.map((c) => c.method)).toEqual(['findings.list']);
    calls[0]?.answer({ database: 'd', serverMajor: 18, findings: [], notChecked: [], computeMs: 1 });
    await tick();

    cache.refreshServer('c1');
    await tick();
    // Only the forget went out: a read sent now could overtake it and get a read from before.
    expect(calls.slice(1).map((c) => [c.method, c.input])).toEqual([['catalog.forget', { connectionId: 'c1' }]]);
    calls[1]?.answer({});
    await tick();
    expect(calls.slice(2).map((c) => c.method)).toEqual(['findings.list']);
    stop();
  });

  it('still reads again when the forget fails (an unknown connection)', async () => {
    const { api, calls } = fakeApi();
    const failing: Api = {
      invoke: (method, input) => (method === 'catalog.forget' ? Promise.reject(new Error('gone')) : api.invoke(method, input)),
    };
    const cache = new QueryCache(failing);
    const key = cache.ensure('roles.list', { connectionId: 'c1' });
    const stop = cache.subscribe(key, () => undefined);
    await tick();
    cache.refreshServer(null);
    await tick();
    expect(calls.map((c) => c.method)).toEqual(['roles.list', 'roles.list']);
    stop();
  });
});
