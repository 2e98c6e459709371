import { useEffect } from 'react';
import { useCache } from './ApiContext';

/** Away from the window at least this long, and everything read from servers is read again. */
export const refreshAfterAwayMs = 30_000;

/**
 * Reads every server again when the window comes back after a while (focus or visibility):
 * the DBA may have run a script in psql meanwhile, and the tree, roles, matrix and banner
 * must agree with the server. Short trips away (a dialog, a glance) refresh nothing.
 */
export function useRefreshOnReturn(): void {
  const cache = useCache();
  useEffect(() => {
    let leftAt: number | null = document.hasFocus() ? null : Date.now();
    const leave = () => {
      leftAt ??= Date.now();
    };
    const back = () => {
      if (leftAt !== null && Date.now() - leftAt >= refreshAfterAwayMs) cache.refreshServer(null);
      leftAt = null;
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? leave() : back());
    window.addEventListener('blur', leave);
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', leave);
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [cache]);
}
