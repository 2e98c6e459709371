import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Api } from '../../../shared/api/contract';
import { QueryCache } from './queryCache';

const CacheContext = createContext<QueryCache | null>(null);

/** Gives the tree below one `Api` and one query cache. */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  const cache = useMemo(() => new QueryCache(api), [api]);
  return <CacheContext.Provider value={cache}>{children}</CacheContext.Provider>;
}

/** The query cache (and through it the `Api`) of the nearest ApiProvider. */
export function useCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (cache === null) throw new Error('useCache needs an ApiProvider above it.');
  return cache;
}
