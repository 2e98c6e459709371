import { useCallback, useState } from 'react';
import { z } from 'zod';

/** How cells show privileges: psql's aclitem letters, or labelled chips styled by how each is held. */
export type CellMode = 'letters' | 'labels';

const storageKey = 'warden.cellMode';
const stored = z.enum(['letters', 'labels']);

function readMode(): CellMode {
  try {
    const parsed = stored.safeParse(localStorage.getItem(storageKey));
    return parsed.success ? parsed.data : 'letters';
  } catch {
    // why: storage can be refused; psql's letters are the default then.
    return 'letters';
  }
}

/** The cell mode, remembered in this window's local storage once the user picks one. */
export function useCellMode(): [CellMode, (mode: CellMode) => void] {
  const [mode, setMode] = useState<CellMode>(readMode);
  const pick = useCallback((next: CellMode) => {
    setMode(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // why: without storage the mode lasts as long as the window.
      return;
    }
  }, []);
  return [mode, pick];
}
