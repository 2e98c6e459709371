import { useCallback, useState } from 'react';
import { parseLayout, type PanelId, type PanelLayout, type PanelState } from './panelLayout';

const storageKey = 'warden.layout';

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    // why: storage can be refused (a locked-down profile); the default layout is fine then.
    return null;
  }
}

function store(layout: PanelLayout): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(layout));
  } catch {
    // why: without storage the sizes last as long as the window; nothing else depends on them.
    return;
  }
}

/**
 * The panels' sizes and folds, remembered in this window's local storage once the user
 * changes one (nothing is written before: a fresh page leaves its storage empty).
 */
export function usePanelLayout(): [PanelLayout, (panel: PanelId, next: PanelState) => void] {
  const [layout, setLayout] = useState(() => parseLayout(readStored()));
  const set = useCallback((panel: PanelId, next: PanelState) => {
    setLayout((l) => {
      const out = { ...l, [panel]: next };
      store(out);
      return out;
    });
  }, []);
  return [layout, set];
}
