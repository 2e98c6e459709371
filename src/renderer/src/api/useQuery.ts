import { useCallback, useSyncExternalStore } from 'react';
import type { Input, Method, Output } from '../../../shared/api/contract';
import { useCache } from './ApiContext';
import { idleState, queryKey, type QueryState } from './queryCache';

/** A query's state plus a way to fetch it again. */
export interface QueryResult<T> extends QueryState<T> {
  reload: () => void;
}

/**
 * Reads `method(input)` through the shared cache, keyed by method and JSON input.
 * Pass `null` as input to switch the query off.
 */
export function useQuery<M extends Method>(method: M, input: Input<M> | null): QueryResult<Output<M>> {
  const cache = useCache();
  const key = input === null ? null : queryKey(method, input);

  const subscribe = useCallback(
    (listener: () => void) => {
      if (key === null || input === null) return () => undefined;
      cache.ensure(method, input);
      return cache.subscribe(key, listener);
    },
    // why: the key already stands for the input; depending on the object would resubscribe every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, key],
  );
  const getSnapshot = useCallback(() => (key === null ? idleState : cache.snapshot(key)), [cache, key]);
  const state = useSyncExternalStore(subscribe, getSnapshot) as QueryState<Output<M>>;

  const reload = useCallback(() => {
    if (key !== null) void cache.fetch(key);
  }, [cache, key]);

  return { ...state, reload };
}
