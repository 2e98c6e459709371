import { createContext, useContext } from 'react';

/** Which view to open: a role's (in one database) or a relation's. */
export type ViewTarget =
  | { kind: 'role'; connectionId: string; database: string; role: string }
  | { kind: 'relation'; connectionId: string; database: string; schema: string; name: string };

/** Opens a role view or a table view (the App shows it as a dialog); null outside the App. */
export const OpenView = createContext<((target: ViewTarget) => void) | null>(null);

/** The function that opens a view, or null when nothing can show one. */
export function useOpenView(): ((target: ViewTarget) => void) | null {
  return useContext(OpenView);
}
