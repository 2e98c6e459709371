import { useState, type ReactNode } from 'react';
import { OpenView, type ViewTarget } from './openView';
import { RoleViewDialog } from './RoleViewDialog';
import { TableViewDialog } from './TableViewDialog';

/** Lets anything below open a role view or a table view, and shows the one opened as a dialog. */
export function ViewHost({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<ViewTarget | null>(null);
  const close = () => setTarget(null);
  return (
    <OpenView.Provider value={setTarget}>
      {children}
      {target?.kind === 'role' && <RoleViewDialog key={JSON.stringify(target)} connectionId={target.connectionId} database={target.database} role={target.role} onClose={close} />}
      {target?.kind === 'relation' && (
        <TableViewDialog key={JSON.stringify(target)} connectionId={target.connectionId} database={target.database} schema={target.schema} name={target.name} onClose={close} />
      )}
    </OpenView.Provider>
  );
}
