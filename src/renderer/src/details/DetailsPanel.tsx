import type { ConnectionInfo } from '../../../shared/api/contract';
import type { PanelState } from '../layout/panelLayout';
import { Splitter } from '../layout/Splitter';
import { PrivilegeMatrix, type MatrixTarget } from '../matrix/PrivilegeMatrix';
import { relationKindLabel, type TreeObject } from '../tree/treeObject';
import { Facts } from './Facts';
import { ServerDetails } from './ServerDetails';
import { useLiveObject } from './useLiveObject';
import { useOpenView } from '../views/openView';

const relationKindWords = {
  table: 'table',
  view: 'view',
  materialized_view: 'materialized view',
  sequence: 'sequence',
  foreign_table: 'foreign table',
  partitioned_table: 'partitioned table',
} as const;

function titleOf(object: TreeObject): { name: string; kind: string } {
  switch (object.type) {
    case 'server':
      return { name: object.connection.name, kind: 'server' };
    case 'database':
      return { name: object.database.name, kind: 'database' };
    case 'schema':
      return { name: object.schema.name, kind: 'schema' };
    case 'relation':
      return { name: object.relation.name, kind: relationKindLabel[object.relation.kind] };
  }
}

function ObjectFacts({ object }: { object: Exclude<TreeObject, { type: 'server' }> }) {
  switch (object.type) {
    case 'database':
      return (
        <Facts
          rows={[
            ['Kind', 'database'],
            ['Owner', object.database.owner],
            ['Template', object.database.isTemplate ? 'yes' : 'no'],
            ['Allows connections', object.database.allowConnections ? 'yes' : 'no'],
          ]}
        />
      );
    case 'schema':
      return <Facts rows={[['Kind', 'schema'], ['Owner', object.schema.owner], ['Database', object.database]]} />;
    case 'relation':
      return (
        <Facts
          rows={[
            ['Kind', relationKindWords[object.relation.kind] + (object.relation.isPartition ? ' (partition)' : '')],
            ['Owner', object.relation.owner],
            ['Schema', object.schema],
            ['Database', object.database],
          ]}
        />
      );
  }
}

/** The database (and schema) whose matrix to show for a tree item; null for a server. */
function matrixTarget(object: TreeObject | null): MatrixTarget | null {
  switch (object?.type) {
    case 'database':
      return { connectionId: object.connectionId, database: object.database.name, schema: null };
    case 'schema':
      return { connectionId: object.connectionId, database: object.database, schema: object.schema.name };
    case 'relation':
      return { connectionId: object.connectionId, database: object.database, schema: object.schema };
    default:
      return null;
  }
}

/** The main area: what the selected tree item is (a panel of set height, foldable to its head), and the privilege matrix below it. */
export function DetailsPanel({
  selected: clicked,
  onRemove,
  layout,
  onLayout,
}: {
  selected: TreeObject | null;
  onRemove: (c: ConnectionInfo) => void;
  layout: PanelState;
  onLayout: (next: PanelState) => void;
}) {
  const live = useLiveObject(clicked);
  const selected = live?.object ?? null;
  const gone = live?.state === 'gone';
  const staged = live?.state === 'staged';
  const title = selected === null ? null : titleOf(selected);
  const target = gone || staged ? null : matrixTarget(selected);
  const fold = (collapsed: boolean) => onLayout({ ...layout, collapsed });
  const openView = useOpenView();
  return (
    <main className="main">
      <section id="details-panel" className="panel details" aria-labelledby="details-heading" style={layout.collapsed ? undefined : { height: layout.size }}>
        <header className="panel-head">
          <h2 id="details-heading">
            {title === null ? (
              'Details'
            ) : (
              <>
                {title.name} <span className="badge">{title.kind}</span>
              </>
            )}
          </h2>
          <button
            type="button"
            className="button button-ghost button-small"
            aria-expanded={!layout.collapsed}
            aria-controls="details-panel"
            aria-label={layout.collapsed ? 'Show the details panel' : 'Hide the details panel'}
            title={layout.collapsed ? 'Show the details panel' : 'Hide the details panel'}
            onClick={() => fold(!layout.collapsed)}
          >
            <span aria-hidden="true">{layout.collapsed ? '▾' : '▴'}</span>
          </button>
        </header>
        {!layout.collapsed && (
          <div className="panel-body">
            {selected === null && <p className="muted">Select a server, database, schema or table in the tree.</p>}
            {selected?.type === 'server' && <ServerDetails connection={selected.connection} onRemove={onRemove} />}
            {gone && title !== null && (
              <p role="status" className="muted">
                This {title.kind} is no longer on the server (it was read again after a change). Select another item in the tree.
              </p>
            )}
            {staged && title !== null && (
              <p role="status" className="muted">
                This {title.kind} is staged: Apply creates it. Its privilege matrix shows once it is on the server.
              </p>
            )}
            {!gone && selected !== null && selected.type !== 'server' && <ObjectFacts object={selected} />}
            {!gone && selected?.type === 'relation' && openView !== null && (
              <button
                type="button"
                className="button"
                onClick={() => openView({ kind: 'relation', connectionId: selected.connectionId, database: selected.database, schema: selected.schema, name: selected.relation.name })}
              >
                Table view: who can use {selected.relation.name}
              </button>
            )}
          </div>
        )}
      </section>
      {!layout.collapsed && <Splitter panel="details" side="top" state={layout} label="Resize the details panel" controls="details-panel" onChange={onLayout} />}
      {target === null ? (
        <section className="panel matrix-placeholder" aria-label="Privilege matrix">
          <header className="panel-head">
            <h2>Privilege matrix</h2>
          </header>
          <div className="panel-body">
            <p className="muted">Select a database, schema or table in the tree to see who can do what on its tables.</p>
          </div>
        </section>
      ) : (
        <PrivilegeMatrix key={JSON.stringify([target.connectionId, target.database])} {...target} />
      )}
    </main>
  );
}
