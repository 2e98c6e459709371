import { createContext, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { ChangeInput } from '../../../shared/changes/schema';
import { initialStagedState, stagedReducer, type StagedChange } from './stagedReducer';

export type { StagedChange } from './stagedReducer';

const empty: readonly StagedChange[] = [];

/** What the staged-changes context offers. */
export interface StagedChangesApi {
  connectionId: string | null;
  items: readonly StagedChange[];
  /** Stages changes in order; each is labelled in plain words by describeChange. */
  add: (changes: readonly ChangeInput[]) => void;
  remove: (ids: readonly string[]) => void;
  /**
   * Stages a change, or unstages it when it (or its exact opposite, a revoke for a grant) is
   * already staged; `replaces` are unstaged when the change is staged.
   */
  toggle: (change: ChangeInput, replaces?: readonly ChangeInput[]) => void;
  clear: () => void;
}

const StagedContext = createContext<StagedChangesApi | null>(null);

/** Owns the staged changes of the current connection; switching connection empties the list. */
export function useStagedChangesStore(connectionId: string | null): StagedChangesApi {
  const [state, dispatch] = useReducer(stagedReducer, connectionId, initialStagedState);
  // why: changes belong to one server; a switch must never carry them to another.
  if (state.connectionId !== connectionId) dispatch({ type: 'reset', connectionId });
  const items = state.connectionId === connectionId ? state.items : empty;
  return useMemo<StagedChangesApi>(
    () => ({
      connectionId,
      items,
      add: (changes) => dispatch({ type: 'add', changes }),
      remove: (ids) => dispatch({ type: 'remove', ids }),
      toggle: (change, replaces = []) => dispatch({ type: 'toggle', change, replaces }),
      clear: () => dispatch({ type: 'reset', connectionId }),
    }),
    [connectionId, items],
  );
}

/** Gives the tree below the store made by useStagedChangesStore. */
export function StagedChangesProvider({ value, children }: { value: StagedChangesApi; children: ReactNode }) {
  return <StagedContext.Provider value={value}>{children}</StagedContext.Provider>;
}

/** The staged changes of the nearest provider. */
export function useStagedChanges(): StagedChangesApi {
  const value = useContext(StagedContext);
  if (value === null) throw new Error('useStagedChanges needs a StagedChangesProvider above it.');
  return value;
}
