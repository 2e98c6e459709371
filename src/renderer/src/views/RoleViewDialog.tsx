import { useDeferredValue, useId, useState } from 'react';
import { useQuery } from '../api/useQuery';
import type { ObjectRights, RoleView } from '../../../shared/views/roleView';
import { MembershipGraphView } from './MembershipGraphView';
import { RightsCell } from './RightsCell';
import { FilterField, PageNote, rowCap } from './FilterField';
import { ViewFrame } from './ViewFrame';
import type { PageCounts } from './viewsProtocol';
import { safeFileName } from '../../../shared/files/fileName';
import { useViewAnswer } from './useViewAnswer';


function ObjectTable({ caption, objects, withSchema, unreachable }: { caption: string; objects: readonly ObjectRights[]; withSchema: boolean; unreachable?: ReadonlySet<string> }) {
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
              {o.schema !== null && unreachable?.has(o.schema) === true && <div className="muted">no USAGE on schema {o.schema}: the name cannot be looked up</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RoleViewBody({ view, counts, filter, onFilter }: { view: RoleView; counts: PageCounts; filter: string; onFilter: (f: string) => void }) {
  const { role } = view;
  // why: a privilege on a table is of no use without USAGE on its schema (and CONNECT to the database); say so where it applies.
  const usable = new Set(view.schemas.filter((o) => o.rights.some((r) => r.privilege === 'USAGE')).map((o) => o.name));
  const unreachable = new Set(view.relations.flatMap((o) => (o.schema !== null && !usable.has(o.schema) ? [o.schema] : [])));
  const connect = view.databaseRights?.rights.some((r) => r.privilege === 'CONNECT') === true;
  return (
    <>
      <p className="muted">
        {role.login ? 'User' : 'Group'} {role.name} in database {view.database}
        {role.superuser && ' · superuser: bypasses every privilege check'}
        {!role.inherit && ' · NOINHERIT'}. Computed from the catalog as the server holds it (staged changes left out), the way has_table_privilege, has_schema_privilege and has_database_privilege answer.
      </p>
      {!connect && !role.superuser && role.login && (
        <p className="note-warning">No CONNECT on {view.database}: {role.name} cannot open a session in it, so none of these rights can be used by logging in as it.</p>
      )}
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
          Tables, views and sequences <span className="badge">{counts.total.toLocaleString('en-US')}</span>
        </h3>
        <FilterField label="Filter relations" value={filter} onChange={onFilter} placeholder="schema.name" />
        {view.relations.length === 0 ? (
          <p>{counts.total === 0 ? `${role.name} holds no privilege on any relation here.` : 'No relation matches the filter.'}</p>
        ) : (
          <ObjectTable caption={`What ${role.name} can do on relations`} objects={view.relations} withSchema unreachable={unreachable} />
        )}
        <PageNote counts={counts} shown={view.relations.length} />
      </section>
    </>
  );
}

/** Everything one role can do in a database, where each right comes from, and its memberships as a graph. */
export function RoleViewDialog({ connectionId, database: first, role, onClose }: { connectionId: string; database: string; role: string; onClose: () => void }) {
  // why: rights are per database; the dialog opens in the one chosen in the tree and can move to another.
  const [database, setDatabase] = useState(first);
  const databaseId = useId();
  const databases = (useQuery('tree.databases', { connectionId }).data?.databases ?? []).filter((d) => d.allowConnections).map((d) => d.name);
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const state = useViewAnswer(connectionId, database, { kind: 'role', role, filter: deferred, limit: rowCap });
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
      tools={
        <span className="view-filter">
          <label htmlFor={databaseId}>Database</label>
          <select id={databaseId} value={database} onChange={(e) => setDatabase(e.target.value)}>
            {(databases.includes(database) ? databases : [database, ...databases]).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </span>
      }
      computing={`Computing what ${role} can do in ${database}…`}
      gone={`Role ${role} is not in the catalog of ${database} any more.`}
    >
      {view != null && state.answer !== null && <RoleViewBody view={view} counts={state.answer.counts} filter={filter} onFilter={setFilter} />}
    </ViewFrame>
  );
}
