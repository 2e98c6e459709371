import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/api/contract';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import type { StagedChange } from './StagedChanges';

/** The preview of the staged list, fetched again whenever the list (or `tick`) changes. */
export interface PreviewState {
  data: Output<'changes.preview'> | null;
  error: string | null;
  loading: boolean;
}

/** Calls changes.preview for the current list; stale answers are dropped. */
export function usePreview(connectionId: string | null, items: readonly StagedChange[], tick: number, passwords: 'omit' | 'include' = 'omit'): PreviewState {
  const cache = useCache();
  const [state, setState] = useState<PreviewState>({ data: null, error: null, loading: false });

  useEffect(() => {
    if (connectionId === null || items.length === 0) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    cache.api
      .invoke('changes.preview', { connectionId, changes: items.map((i) => i.change), passwords })
      .then((data) => {
        if (live) setState({ data, error: null, loading: false });
      })
      .catch((err: unknown) => {
        if (live) setState({ data: null, error: errorMessage(err), loading: false });
      });
    return () => {
      live = false;
    };
  }, [cache, connectionId, items, tick, passwords]);

  return state;
}
