import { useEffect, useRef, useState } from 'react';
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

/**
 * Computes the effective matrix of a snapshot in a Web Worker; the page thread never does
 * the work. One worker lives as long as the component: each new snapshot is a numbered
 * request, and a reply to anything but the latest one is dropped.
 */
export function useEffectiveMatrix(snapshot: CatalogSnapshot | undefined): MatrixState {
  const [result, setResult] = useState<{ snapshot: CatalogSnapshot; reply: MatrixReply } | null>(null);
  const [ready, setReady] = useState<MatrixState['ready']>(null);
  const worker = useRef<Worker | null>(null);
  const latest = useRef<{ id: number; snapshot: CatalogSnapshot } | null>(null);

  // why: one worker for the component's life rather than one per snapshot: starting and
  // terminating a worker on every reload costs time, and a reload should not depend on a
  // fresh worker starting (a CI run once kept showing the matrix from before an apply).
  useEffect(() => {
    const w = new Worker(new URL('./matrixWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<MatrixReply>) => {
      const reply = event.data;
      const wanted = latest.current;
      if (wanted === null || reply.id !== wanted.id) return;
      setResult({ snapshot: wanted.snapshot, reply });
      if (reply.ok) setReady({ snapshot: wanted.snapshot, data: reply.data });
    };
    w.onerror = (event) => {
      event.preventDefault();
      const wanted = latest.current;
      if (wanted === null) return;
      setResult({ snapshot: wanted.snapshot, reply: { id: wanted.id, ok: false, message: event.message || 'the matrix worker did not start' } });
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    if (snapshot === undefined || worker.current === null) return;
    const request: MatrixRequest = { id: nextId++, snapshot };
    latest.current = { id: request.id, snapshot };
    worker.current.postMessage(request);
  }, [snapshot]);

  const current = result !== null && result.snapshot === snapshot ? result.reply : null;
  return {
    computing: snapshot !== undefined && current === null,
    ready,
    error: current !== null && !current.ok ? `Could not compute the matrix: ${current.message}` : null,
  };
}
