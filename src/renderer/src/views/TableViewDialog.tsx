import { useDeferredValue, useState } from 'react';
import type { RelationView } from '../../../shared/views/relationView';
import { RightsCell } from './RightsCell';
import { FilterField, PageNote, rowCap } from './FilterField';
import { ViewFrame } from './ViewFrame';
import type { PageCounts } from './viewsProtocol';
import { safeFileName } from '../../../shared/files/fileName';
import { useViewAnswer } from './useViewAnswer';


function TableViewBody({ view, counts, filter, onFilter }: { view: RelationView; counts: PageCounts; filter: string; onFilter: (f: string) => void }) {
  const shown = view.holders;
  return (
    <>
      <p className="muted">
        {view.type} {view.schema}.{view.name} in database {view.database}, owned by {view.owner}. Every role that holds a privilege on it, as has_table_privilege answers (staged changes left out); schema USAGE and CONNECT say whether it can reach it.
      </p>
      <FilterField label="Filter roles" value={filter} onChange={onFilter} />
      <table className="view-table">
        <caption className="visually-hidden">Roles that can use {view.schema}.{view.name}</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Kind</th>
            <th scope="col">Privileges · where they come from</th>
            <th scope="col">USAGE on {view.schema}</th>
            <th scope="col">CONNECT</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((h) => (
            <tr key={h.oid}>
              <th scope="row">{h.name}</th>
              <td className="nowrap">{h.superuser ? 'superuser' : h.login ? 'user' : 'group'}</td>
              <td>
                <RightsCell rights={h.rights} />
              </td>
              <td className="nowrap">{h.schemaUsage ? 'yes' : 'no'}</td>
              <td className="nowrap">{h.connect ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p>{counts.total === 0 ? 'No role holds a privilege on it.' : 'No role matches the filter.'}</p>}
      <PageNote counts={counts} shown={shown.length} />
    </>
  );
}

/** Every role that can touch one relation, with which privileges and how. */
export function TableViewDialog({ connectionId, database, schema, name, onClose }: { connectionId: string; database: string; schema: string; name: string; onClose: () => void }) {
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const state = useViewAnswer(connectionId, database, { kind: 'relation', schema, name, filter: deferred, limit: rowCap });
  const view = state.answer?.view;
  return (
    <ViewFrame
      title={`Table view · ${schema}.${name}`}
      onClose={onClose}
      state={state}
      exports={[{ label: 'Export CSV', question: { kind: 'csv', of: 'relation', schema, name }, fileName: `${safeFileName(database, schema, name)}-access.csv` }]}
      computing={`Computing who can use ${schema}.${name}…`}
      gone={`${schema}.${name} is not in the catalog of ${database} any more.`}
    >
      {view != null && state.answer !== null && <TableViewBody view={view} counts={state.answer.counts} filter={filter} onFilter={setFilter} />}
    </ViewFrame>
  );
}
