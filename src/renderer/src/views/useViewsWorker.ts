import { useCallback, useEffect, useRef } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ViewAnswer, ViewQuestion, ViewsReply, ViewsRequest } from './viewsProtocol';

let nextId = 1;

/**
 * One views worker for the component's life: it is sent each new snapshot once, then asked
 * questions about it; `ask` resolves with the answer (or rejects with the worker's error).
 */
export function useViewsWorker(snapshot: CatalogSnapshot | undefined): (question: ViewQuestion) => Promise<ViewAnswer> {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, { resolve: (a: ViewAnswer) => void; reject: (e: Error) => void }>());
  const sent = useRef<CatalogSnapshot | null>(null);

  useEffect(() => {
    const w = new Worker(new URL('./viewsWorker.ts', import.meta.url), { type: 'module' });
    const waiting = pending.current;
    w.onmessage = (event: MessageEvent<ViewsReply>) => {
      const reply = event.data;
      const p = waiting.get(reply.id);
      if (p === undefined) return;
      waiting.delete(reply.id);
      if (reply.ok) p.resolve(reply.answer);
      else p.reject(new Error(reply.message));
    };
    w.onerror = (event) => {
      event.preventDefault();
      for (const p of waiting.values()) p.reject(new Error(event.message || 'the views worker did not start'));
      waiting.clear();
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      sent.current = null;
      waiting.clear();
    };
  }, []);

  return useCallback(
    (question: ViewQuestion) =>
      new Promise<ViewAnswer>((resolve, reject) => {
        const w = worker.current;
        if (w === null || snapshot === undefined) {
          reject(new Error('The catalog is not loaded yet.'));
          return;
        }
        if (sent.current !== snapshot) {
          w.postMessage({ type: 'snapshot', snapshot } satisfies ViewsRequest);
          sent.current = snapshot;
        }
        const id = nextId++;
        pending.current.set(id, { resolve, reject });
        w.postMessage({ type: 'ask', id, question } satisfies ViewsRequest);
      }),
    [snapshot],
  );
}
