import { useEffect, useState } from 'react';
import { useCache, useInFlight } from '../api/ApiContext';
import type { InFlightRequest } from '../api/inFlight';

/** After this long a request shows what it is doing (progress, Cancel). */
export const showProgressAfterMs = 1000;
/** After this long a request says it is still waiting for the server. */
export const stillWaitingAfterMs = 10_000;

/** The current time (performance.now()), ticking every `everyMs` while `active`. */
export function useNow(active: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

/** The oldest request in flight with this query key, if any. */
export function useInFlightFor(key: string | null): InFlightRequest | null {
  const all = useInFlight();
  return key === null ? null : (all.find((r) => r.key === key) ?? null);
}

/** Polls the backend for what a request reports of its progress, while `request` is set. */
export function useRequestProgress(request: InFlightRequest | null): string | null {
  const cache = useCache();
  const [progress, setProgress] = useState<{ id: string; text: string | null } | null>(null);
  const id = request?.id ?? null;
  useEffect(() => {
    if (id === null) return;
    let stopped = false;
    const poll = async () => {
      try {
        const status = await cache.api.invoke('requests.status', { requestIds: [id] });
        if (!stopped) setProgress({ id, text: status.requests[0]?.progress ?? null });
      } catch {
        // why: progress is a courtesy; the request itself reports any real failure.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [cache, id]);
  return progress !== null && progress.id === id ? progress.text : null;
}

/** Asks the backend to cancel a request on the server; its caller then gets a "Cancelled" error. */
export function useCancelRequest(): (id: string) => Promise<void> {
  const cache = useCache();
  return async (id) => {
    await cache.api.invoke('requests.cancel', { requestId: id }).catch(() => undefined);
  };
}

/** "12 s" for a duration in milliseconds. */
export function seconds(ms: number): string {
  return `${Math.floor(ms / 1000).toLocaleString()} s`;
}
