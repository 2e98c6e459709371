import { useEffect, useState } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { MatrixData, MatrixReply, MatrixRequest } from './matrixProtocol';

/** The matrix and the snapshot it was computed from (kept while a newer one computes). */
export interface MatrixState {
  /** True while the worker is busy with the latest snapshot. */
  computing: boolean;
  /** The latest result; its snapshot may be older than the one passed in. */
  ready: { snapshot: CatalogSnapshot; data: MatrixData } | null;
  /** Why the latest snapshot could not be computed. */
  error: string | null;
}

let nextId = 1;

/** Computes the effective matrix of a snapshot in a Web Worker; the page thread never does the work. */
export function useEffectiveMatrix(snapshot: CatalogSnapshot | undefined): MatrixState {
  const [result, setResult] = useState<{ snapshot: CatalogSnapshot; reply: MatrixReply } | null>(null);
  const [ready, setReady] = useState<MatrixState['ready']>(null);

  useEffect(() => {
    if (snapshot === undefined) return;
    const worker = new Worker(new URL('./matrixWorker.ts', import.meta.url), { type: 'module' });
    const request: MatrixRequest = { id: nextId++, snapshot };
    worker.onmessage = (event: MessageEvent<MatrixReply>) => {
      const reply = event.data;
      if (reply.id !== request.id) return;
      setResult({ snapshot, reply });
      if (reply.ok) setReady({ snapshot, data: reply.data });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setResult({ snapshot, reply: { id: request.id, ok: false, message: event.message || 'the matrix worker did not start' } });
    };
    worker.postMessage(request);
    return () => worker.terminate();
  }, [snapshot]);

  const current = result !== null && result.snapshot === snapshot ? result.reply : null;
  return {
    computing: snapshot !== undefined && current === null,
    ready,
    error: current !== null && !current.ok ? `Could not compute the matrix: ${current.message}` : null,
  };
}
