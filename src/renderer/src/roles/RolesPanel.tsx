import { useState } from 'react';
import type { Role } from '../../../shared/api/contract';
import { offers } from '../../../shared/changes/authority';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { HideButton } from '../layout/Splitter';
import { dropRefusal, DropRoleDialog } from './DropRoleDialog';
import { EditRoleDialog, type SessionFacts } from './EditRoleDialog';
import { useProjectedLists } from '../changes/useProjectedLists';
import { RoleEntry } from './RoleEntry';
import { RoleList, type EntryPlace } from './RoleList';
import { superuserStanding } from './superuserRisks';
import { useOpenView } from '../views/openView';

/** The roles of the current server, users and groups apart, superusers flagged; each with Edit and Drop. */
export function RolesPanel({
  connectionId,
  viewDatabase = null,
  width,
  onHide,
}: {
  connectionId: string | null;
  /** The database a role view opens in (null: no role view offered). */
  viewDatabase?: string | null;
  width?: number;
  onHide?: () => void;
}) {
  const openView = useOpenView();
  const query = useQuery('roles.list', connectionId === null ? null : { connectionId });
  const info = useQuery('server.info', connectionId === null ? null : { connectionId });
  const authority = useQuery('server.authority', connectionId === null ? null : { connectionId }).data;
  const list = useQuery('connections.list', {});
  const [showBuiltIn, setShowBuiltIn] = useState(false);
  const [editing, setEditing] = useState<Role | null>(null);
  const [dropping, setDropping] = useState<string | null>(null);
  // why: roles that only staged changes create are listed too (the projection), marked staged;
  // they are changed or unstaged from the staged list, so they offer no Edit or Drop.
  const stagedRoles = (useProjectedLists(connectionId).roles ?? []).filter((r) => r.staged);
  const roles = [...(query.data?.roles ?? []), ...stagedRoles].filter((r) => showBuiltIn || !r.name.startsWith('pg_'));
  const stagedNames = new Set(stagedRoles.map((r) => r.name));
  const users = roles.filter((r) => r.kind === 'user');
  const groups = roles.filter((r) => r.kind === 'group');
  const session: SessionFacts | undefined = info.data;
  const connectedDatabase = list.data?.connections.find((c) => c.id === connectionId)?.database;
  const findingScope = connectionId !== null && connectedDatabase !== undefined ? { connectionId, database: connectedDatabase } : null;

  // why: built-in pg_* roles cannot be altered or dropped; the connected role and initdb's
  // superuser cannot be dropped, so no Drop is offered for them.
  const entry = (role: Role, place?: EntryPlace) => {
    const staged = stagedNames.has(role.name);
    // why: a role that is not superuser may edit only roles the server lets it alter (its own password aside).
    const editable = !role.name.startsWith('pg_') && !staged && (offers.alterRole(role.name, authority) === null || role.name === authority?.currentUser);
    const droppable =
      editable && session !== undefined && connectedDatabase !== undefined && dropRefusal(role.name, session) === null && offers.dropRole(role.name, authority) === null;
    return (
      <RoleEntry
        key={role.name}
        role={role}
        findingScope={findingScope}
        standing={superuserStanding(role, session?.bootstrapSuperuser, session?.currentUser)}
        onEdit={editable ? () => setEditing(role) : undefined}
        onDrop={droppable ? () => setDropping(role.name) : undefined}
        onView={
          openView !== null && connectionId !== null && viewDatabase !== null && !staged
            ? () => openView({ kind: 'role', connectionId, database: viewDatabase, role: role.name })
            : undefined
        }
        viewDatabase={viewDatabase}
        staged={staged}
        place={place}
      />
    );
  };

  return (
    <section id="roles-panel" className="panel roles-panel" aria-labelledby="roles-heading" style={width === undefined ? undefined : { width }}>
      <header className="panel-head">
        <h2 id="roles-heading">Roles</h2>
        <label className="check-inline">
          <input type="checkbox" checked={showBuiltIn} onChange={(e) => setShowBuiltIn(e.target.checked)} />
          pg_* roles
        </label>
        {onHide !== undefined && <HideButton name="roles" controls="roles-panel" onHide={onHide} />}
      </header>
      <div className="panel-body">
        {connectionId === null && <p className="muted">No server selected.</p>}
        {query.status === 'loading' && <p className="muted">Loading…</p>}
        {query.status === 'error' && (
          <p role="alert" className="error-text">
            {errorMessage(query.error)}
          </p>
        )}
        {query.data !== undefined && (
          <RoleList users={users} groups={groups} entry={entry} />
        )}
      </div>
      {editing !== null && connectionId !== null && (
        <EditRoleDialog connectionId={connectionId} role={editing} session={session} onClose={() => setEditing(null)} />
      )}
      {dropping !== null && connectionId !== null && connectedDatabase !== undefined && (
        <DropRoleDialog connectionId={connectionId} role={dropping} connectedDatabase={connectedDatabase} session={session} onClose={() => setDropping(null)} />
      )}
    </section>
  );
}
