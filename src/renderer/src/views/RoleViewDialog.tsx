import { useDeferredValue, useId, useState } from 'react';
import type { ObjectRights, RoleView } from '../../../shared/views/roleView';
import { MembershipGraphView } from './MembershipGraphView';
import { RightsCell } from './RightsCell';
import { ViewFrame } from './ViewFrame';
import { safeFileName, useViewAnswer } from './useViewAnswer';

/** Relations listed at most; the filter narrows them, the CSV has them all. */
const rowCap = 200;

function ObjectTable({ caption, objects, withSchema }: { caption: string; objects: readonly ObjectRights[]; withSchema: boolean }) {
  return (
    <table className="view-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {withSchema && <th scope="col">Schema</th>}
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Privileges · where they come from</th>
        </tr>
      </thead>
      <tbody>
        {objects.map((o) => (
          <tr key={o.oid}>
            {withSchema && <td>{o.schema}</td>}
            <th scope="row">{o.name}</th>
            <td className="nowrap">{o.type}</td>
            <td>
              <RightsCell rights={o.rights} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RoleViewBody({ view }: { view: RoleView }) {
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter.trim().toLowerCase());
  const filterId = useId();
  const shown = deferred === '' ? view.relations : view.relations.filter((o) => `${o.schema ?? ''}.${o.name}`.toLowerCase().includes(deferred));
  const { role } = view;
  return (
    <>
      <p className="muted">
        {role.login ? 'User' : 'Group'} {role.name} in database {view.database}
        {role.superuser && ' · superuser: bypasses every privilege check'}
        {!role.inherit && ' · NOINHERIT'}. Computed from the catalog as the server holds it (staged changes left out), the way has_table_privilege, has_schema_privilege and has_database_privilege answer.
      </p>
      <section aria-label={`Memberships of ${role.name}`} className="view-section">
        <h3>Memberships</h3>
        <MembershipGraphView role={role.name} graph={view.memberships} />
      </section>
      <section aria-label="Database and schemas" className="view-section">
        <h3>Database and schemas</h3>
        {view.databaseRights === null && view.schemas.length === 0 ? (
          <p>No privilege on the database or its schemas.</p>
        ) : (
          <ObjectTable caption={`What ${role.name} can do on the database and its schemas`} objects={[...(view.databaseRights === null ? [] : [view.databaseRights]), ...view.schemas]} withSchema={false} />
        )}
      </section>
      <section aria-label="Tables, views and sequences" className="view-section">
        <h3>
          Tables, views and sequences <span className="badge">{view.relations.length.toLocaleString('en-US')}</span>
        </h3>
        <label htmlFor={filterId} className="view-filter">
          Filter relations
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="schema.name" />
        </label>
        {shown.length === 0 ? (
          <p>{view.relations.length === 0 ? `${role.name} holds no privilege on any relation here.` : 'No relation matches the filter.'}</p>
        ) : (
          <ObjectTable caption={`What ${role.name} can do on relations`} objects={shown.slice(0, rowCap)} withSchema />
        )}
        {shown.length > rowCap && (
          <p className="muted" role="status">
            Showing {rowCap} of {shown.length.toLocaleString('en-US')}: narrow them with the filter, or Export CSV for all.
          </p>
        )}
      </section>
    </>
  );
}

/** Everything one role can do in a database, where each right comes from, and its memberships as a graph. */
export function RoleViewDialog({ connectionId, database, role, onClose }: { connectionId: string; database: string; role: string; onClose: () => void }) {
  const state = useViewAnswer(connectionId, database, { kind: 'role', role });
  const view = state.answer?.view;
  const file = safeFileName(database, role);
  return (
    <ViewFrame
      title={`Role view · ${role} · ${database}`}
      onClose={onClose}
      state={state}
      exports={[
        { label: 'Export CSV', question: { kind: 'csv', of: 'role', role }, fileName: `${file}-role.csv` },
        { label: 'Export memberships CSV', question: { kind: 'csv', of: 'memberships', role }, fileName: `${file}-memberships.csv` },
      ]}
      computing={`Computing what ${role} can do…`}
      gone={`Role ${role} is not in the catalog of ${database} any more.`}
    >
      {view != null && <RoleViewBody view={view} />}
    </ViewFrame>
  );
}
