import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { Api } from '../../../shared/api/contract';
import type { InFlight, InFlightRequest } from './inFlight';
import type { Notice, Notices } from './notices';
import { QueryCache } from './queryCache';

const CacheContext = createContext<QueryCache | null>(null);
const InFlightContext = createContext<InFlight | null>(null);
const NoticesContext = createContext<Notices | null>(null);

/** Gives the tree below one `Api`, one query cache and the list of requests in flight. */
export function ApiProvider({ api, inFlight, notices, children }: { api: Api; inFlight: InFlight; notices?: Notices; children: ReactNode }) {
  const cache = useMemo(() => new QueryCache(api), [api]);
  return (
    <CacheContext.Provider value={cache}>
      <InFlightContext.Provider value={inFlight}>
        <NoticesContext.Provider value={notices ?? null}>{children}</NoticesContext.Provider>
      </InFlightContext.Provider>
    </CacheContext.Provider>
  );
}

const noNotices: readonly Notice[] = [];

/** What the backend said besides its answers (re-renders when it changes), and how to dismiss one. */
export function useNotices(): { notices: readonly Notice[]; dismiss: (id: number) => void } {
  const store = useContext(NoticesContext);
  const notices = useSyncExternalStore(
    (listener) => store?.subscribe(listener) ?? (() => undefined),
    () => store?.list() ?? noNotices,
  );
  return { notices, dismiss: (id) => store?.dismiss(id) };
}

/** The query cache (and through it the `Api`) of the nearest ApiProvider. */
export function useCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (cache === null) throw new Error('useCache needs an ApiProvider above it.');
  return cache;
}

const none: readonly InFlightRequest[] = [];

/** The requests in flight right now (re-renders when one starts or ends). */
export function useInFlight(): readonly InFlightRequest[] {
  const inFlight = useContext(InFlightContext);
  return useSyncExternalStore(
    (listener) => inFlight?.subscribe(listener) ?? (() => undefined),
    () => inFlight?.list() ?? none,
  );
}
