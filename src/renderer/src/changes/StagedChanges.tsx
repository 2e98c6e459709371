import { createContext, useContext, useMemo, useReducer, type ReactNode } from 'react';
import { describeChange } from '../../../shared/changes/describe';
import type { ChangeInput } from '../../../shared/changes/schema';

/** One edit waiting to be previewed, exported or applied. */
export interface StagedChange {
  id: string;
  change: ChangeInput;
  label: string;
}

interface State {
  connectionId: string | null;
  items: readonly StagedChange[];
}

type Action =
  | { type: 'add'; changes: readonly ChangeInput[] }
  | { type: 'remove'; ids: readonly string[] }
  | { type: 'reset'; connectionId: string | null };

let nextId = 0;
const empty: readonly StagedChange[] = [];

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'add':
      return { ...state, items: [...state.items, ...action.changes.map((change) => ({ change, label: describeChange(change), id: `change-${++nextId}` }))] };
    case 'remove':
      return { ...state, items: state.items.filter((item) => !action.ids.includes(item.id)) };
    case 'reset':
      return { connectionId: action.connectionId, items: [] };
  }
}

/** What the staged-changes context offers. */
export interface StagedChangesApi {
  connectionId: string | null;
  items: readonly StagedChange[];
  /** Stages changes in order; each is labelled in plain words by describeChange. */
  add: (changes: readonly ChangeInput[]) => void;
  remove: (ids: readonly string[]) => void;
  clear: () => void;
}

const StagedContext = createContext<StagedChangesApi | null>(null);

/** Owns the staged changes of the current connection; switching connection empties the list. */
export function useStagedChangesStore(connectionId: string | null): StagedChangesApi {
  const [state, dispatch] = useReducer(reducer, { connectionId, items: [] });
  // why: changes belong to one server; a switch must never carry them to another.
  if (state.connectionId !== connectionId) dispatch({ type: 'reset', connectionId });
  const items = state.connectionId === connectionId ? state.items : empty;
  return useMemo<StagedChangesApi>(
    () => ({
      connectionId,
      items,
      add: (changes) => dispatch({ type: 'add', changes }),
      remove: (ids) => dispatch({ type: 'remove', ids }),
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
