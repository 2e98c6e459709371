import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { RoleEntry } from './RoleEntry';

/** The roles of the current server, users and groups apart, superusers flagged. */
export function RolesPanel({ connectionId }: { connectionId: string | null }) {
  const query = useQuery('roles.list', connectionId === null ? null : { connectionId });
  const [showBuiltIn, setShowBuiltIn] = useState(false);
  const roles = (query.data?.roles ?? []).filter((r) => showBuiltIn || !r.name.startsWith('pg_'));
  const users = roles.filter((r) => r.kind === 'user');
  const groups = roles.filter((r) => r.kind === 'group');

  return (
    <section className="panel roles-panel" aria-labelledby="roles-heading">
      <header className="panel-head">
        <h2 id="roles-heading">Roles</h2>
        <label className="check-inline">
          <input type="checkbox" checked={showBuiltIn} onChange={(e) => setShowBuiltIn(e.target.checked)} />
          pg_* roles
        </label>
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
          <ul role="list" aria-label="Roles" className="roles-list">
            <li className="roles-section" aria-hidden="true">
              Users ({users.length})
            </li>
            {users.map((role) => (
              <RoleEntry key={role.name} role={role} />
            ))}
            <li className="roles-section" aria-hidden="true">
              Groups ({groups.length})
            </li>
            {groups.map((role) => (
              <RoleEntry key={role.name} role={role} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
