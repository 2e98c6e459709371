import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/client';
import { useCache } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { RequestProgress } from '../requests/RequestProgress';
import { defaultFilters, axesOf, filterAxes, type MatrixFilters as Filters, type RelationItem, type RoleItem } from './matrixAxes';
import { CsvDownloadButton } from './CsvDownloadButton';
import { MatrixFilters } from './MatrixFilters';
import { MatrixGrid } from './MatrixGrid';
import { MatrixLegend } from './MatrixLegend';
import { SuperuserBanner } from './SuperuserBanner';
import { useEffectiveMatrix } from './useEffectiveMatrix';
import { useStagedChanges } from '../changes/StagedChanges';
import { stagedCells } from './cellEdits';
import { WhyPanel } from './WhyPanel';
import { FindingScope } from '../findings/FindingMarkBadge';

/** Which database the matrix shows, and the schema picked in the tree (if any). */
export interface MatrixTarget {
  connectionId: string;
  database: string;
  schema: string | null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The privilege matrix of one database: loads the catalog, computes in a worker, filters, explains. */
export function PrivilegeMatrix({ connectionId, database, schema }: MatrixTarget) {
  const headingId = useId();
  const cache = useCache();
  const query = useQuery('catalog.load', { connectionId, database });
  const matrix = useEffectiveMatrix(query.data);
  const snapshot = matrix.ready?.snapshot;
  const data = matrix.ready?.data;
  const [filters, setFilters] = useState<Filters>({ ...defaultFilters, schema: schema ?? '' });
  const [treeSchema, setTreeSchema] = useState(schema);
  if (schema !== treeSchema) {
    // why: picking another schema in the tree narrows the matrix to it; the filter stays editable.
    setTreeSchema(schema);
    setFilters((f) => ({ ...f, schema: schema ?? '' }));
  }
  const stagedItems = useStagedChanges().items;
  const staged = useMemo(() => stagedCells(stagedItems, database), [stagedItems, database]);
  const [rolesAsRows, setRolesAsRows] = useState(true);
  const [opened, setOpened] = useState<{ role: RoleItem; rel: RelationItem } | null>(null);
  // why: "only roles with access" scans every shown cell; typing stays smooth while it catches up.
  const deferred = useDeferredValue(filters);

  const axes = useMemo(() => (snapshot === undefined ? null : axesOf(snapshot)), [snapshot]);
  const schemas = useMemo(() => (snapshot?.schemas ?? []).map((s) => s.name).sort(), [snapshot]);
  const shown = useMemo(() => (axes === null || data === undefined ? null : filterAxes(axes, data, deferred)), [axes, data, deferred]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && opened !== null) setOpened(null);
  };

  const error = query.status === 'error' ? errorMessage(query.error) : matrix.error;
  const scope = useMemo(() => ({ connectionId, database }), [connectionId, database]);
  return (
    <FindingScope.Provider value={scope}>
      <section className="panel matrix-panel" aria-labelledby={headingId} onKeyDown={onKeyDown}>
        <header className="panel-head">
          <h2 id={headingId}>Privilege matrix · {database}</h2>
          {(query.fetching || matrix.computing) && <span className="spinner" aria-hidden="true" />}
          <CsvDownloadButton snapshot={snapshot} database={database} schema={filters.schema} />
          <button
            type="button"
            className="button"
            onClick={() => cache.refreshServer(connectionId)}
            disabled={query.fetching}
            title="Read this server again: tree, roles and matrix"
          >
            Reload
          </button>
        </header>
        {error !== null && (
          <p role="alert" className="banner banner-error">
            {error}
          </p>
        )}
        {query.fetching && <RequestProgress method="catalog.load" input={{ connectionId, database }} doing="Reading the catalog" />}
        {shown === null || data === undefined ? (
          error === null &&
          !query.fetching && (
            <p className="muted matrix-message" role="status">
              Computing who can do what…
            </p>
          )
        ) : (
          <>
            <SuperuserBanner traps={data.traps} />
            <MatrixFilters
              filters={filters}
              schemas={schemas}
              rolesAsRows={rolesAsRows}
              onChange={setFilters}
              onSwap={() => setRolesAsRows((v) => !v)}
              summary={`${plural(shown.roles.length, 'role', 'roles')} × ${plural(shown.relations.length, 'relation', 'relations')}`}
            />
            <div className="matrix-body">
              {shown.roles.length === 0 || shown.relations.length === 0 ? (
                <p className="muted matrix-message">No {shown.roles.length === 0 ? 'roles' : 'relations'} match the filters.</p>
              ) : (
                <MatrixGrid
                  rows={rolesAsRows ? shown.roles : shown.relations}
                  cols={rolesAsRows ? shown.relations : shown.roles}
                  data={data}
                  privilege={deferred.privilege}
                  corner={rolesAsRows ? 'Role \\ Relation' : 'Relation \\ Role'}
                  opened={opened === null ? null : { roleOid: opened.role.oid, relOid: opened.rel.oid }}
                  onOpen={(role, rel) => setOpened({ role, rel })}
                  staged={staged}
                />
              )}
              {opened !== null && snapshot !== undefined && (
                <WhyPanel snapshot={snapshot} role={opened.role} rel={opened.rel} connectionId={connectionId} database={database} onClose={() => setOpened(null)} />
              )}
            </div>
            <MatrixLegend />
          </>
        )}
      </section>
    </FindingScope.Provider>
  );
}
