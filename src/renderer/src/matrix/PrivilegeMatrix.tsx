import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/client';
import { useCache } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { RequestProgress } from '../requests/RequestProgress';
import { defaultFilters, axesOf, filterAxes, noMatchWords, type MatrixFilters as Filters, type RelationItem, type RoleItem } from './matrixAxes';
import { CsvDownloadButton } from './CsvDownloadButton';
import { MatrixFilters } from './MatrixFilters';
import { MatrixGrid } from './MatrixGrid';
import { MatrixLegend } from './MatrixLegend';
import { useEffectiveMatrix } from './useEffectiveMatrix';
import { useStagedChanges } from '../changes/StagedChanges';
import { stagedCells } from './cellEdits';
import { stagedCells as stagedLookup } from './stagedLookup';
import { useProjectedCatalog } from './useProjectedCatalog';
import { WhyPanel } from './WhyPanel';
import { FindingMarksScope } from '../findings/FindingMarkBadge';
import { chipsOf } from './accessContexts';
import { useCellMode } from './useCellMode';

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
  // why: the matrix shows the catalog as it will be after Apply: the projection of every
  // staged change (staged roles as rows, staged grants and memberships in the cells).
  const projected = useProjectedCatalog(connectionId, database, query.data);
  const matrix = useEffectiveMatrix(projected?.projection.snapshot);
  const differs = projected !== undefined && projected.projection.snapshot !== projected.base;
  // why: the server's own matrix, to mark the cells the staged changes touch and for the banner.
  const baseMatrix = useEffectiveMatrix(differs ? projected.base : undefined);
  const snapshot = matrix.ready?.snapshot;
  const data = matrix.ready?.data;
  const baseReady = differs && baseMatrix.ready?.snapshot === projected.base ? baseMatrix.ready : null;
  const [filters, setFilters] = useState<Filters>({ ...defaultFilters, schema: schema ?? '' });
  const [treeSchema, setTreeSchema] = useState(schema);
  if (schema !== treeSchema) {
    // why: picking another schema in the tree narrows the matrix to it; the filter stays editable.
    setTreeSchema(schema);
    setFilters((f) => ({ ...f, schema: schema ?? '' }));
  }
  const stagedItems = useStagedChanges().items;
  const stagedRoles = projected?.projection.stagedRoles;
  const direct = useMemo(() => stagedCells(stagedItems, database), [stagedItems, database]);
  const [rolesAsRows, setRolesAsRows] = useState(true);
  const [mode, setMode] = useCellMode();
  const cellChips = useCallback((role: RoleItem, rel: RelationItem) => (snapshot === undefined ? [] : chipsOf(snapshot, role.oid, rel.oid)), [snapshot]);
  const [opened, setOpened] = useState<{ role: RoleItem; rel: RelationItem } | null>(null);
  // why: a privilege letter typed on a cell presses that privilege's toggle in the why panel,
  // so the keyboard stages exactly what the button does (including its "the real fix" offer).
  const [pressBit, setPressBit] = useState<number | null>(null);
  const whyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (pressBit === null) return;
    setPressBit(null);
    whyRef.current?.querySelector<HTMLButtonElement>(`.why-panel button[data-bit="${pressBit}"]`)?.click();
  }, [pressBit, opened]);
  // why: "only roles with access" scans every shown cell; typing stays smooth while it catches up.
  const deferred = useDeferredValue(filters);

  const axes = useMemo(() => (snapshot === undefined ? null : axesOf(snapshot, stagedRoles)), [snapshot, stagedRoles]);
  const baseAxes = useMemo(() => (baseReady === null ? null : axesOf(baseReady.snapshot)), [baseReady]);
  const staged = useMemo(
    () =>
      stagedLookup(
        direct,
        axes === null || data === undefined ? null : { ...axes, data },
        baseAxes === null || baseReady === null ? null : { ...baseAxes, data: baseReady.data },
      ),
    [direct, axes, data, baseAxes, baseReady],
  );
  const schemas = useMemo(() => (snapshot?.schemas ?? []).map((s) => s.name).sort(), [snapshot]);
  const shown = useMemo(() => (axes === null || data === undefined ? null : filterAxes(axes, data, deferred)), [axes, data, deferred]);

  const toggleBase = useMemo(
    () => (opened === null || projected === undefined ? undefined : projected.toggleBase(opened.role.name, opened.rel.schema, opened.rel.name)),
    [opened, projected],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && opened !== null) setOpened(null);
  };

  const error = query.status === 'error' ? errorMessage(query.error) : matrix.error;
  const scope = useMemo(() => ({ connectionId, database }), [connectionId, database]);
  return (
    // why: the matrix's axes flag the roles and relations open findings name (findings/).
    <FindingMarksScope scope={scope}>
    <section className="panel matrix-panel" aria-labelledby={headingId} onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2 id={headingId}>Privilege matrix · {database}</h2>
        {(query.fetching || matrix.computing) && <span className="spinner" aria-hidden="true" />}
        {/* why: the CSV is what the CLI prints for the server as it is, staged changes left out. */}
        <CsvDownloadButton connectionId={connectionId} database={database} schema={filters.schema} />
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
          <MatrixFilters
            filters={filters}
            schemas={schemas}
            rolesAsRows={rolesAsRows}
            onChange={setFilters}
            onSwap={() => setRolesAsRows((v) => !v)}
            summary={`${plural(shown.roles.length, 'role', 'roles')} × ${plural(shown.relations.length, 'relation', 'relations')}`}
          />
          <div className="matrix-body" ref={whyRef}>
            {shown.roles.length === 0 || shown.relations.length === 0 ? (
              <p className="muted matrix-message" role="status">
                {noMatchWords(deferred, shown)}
              </p>
            ) : (
              <MatrixGrid
                key={mode}
                mode={mode}
                chipsOf={cellChips}
                rows={rolesAsRows ? shown.roles : shown.relations}
                cols={rolesAsRows ? shown.relations : shown.roles}
                data={data}
                privilege={deferred.privilege}
                corner={rolesAsRows ? 'Role \\ Relation' : 'Relation \\ Role'}
                opened={opened === null ? null : { roleOid: opened.role.oid, relOid: opened.rel.oid }}
                onOpen={(role, rel) => setOpened({ role, rel })}
                onStageKey={(role, rel, bit) => {
                  if (opened?.role.oid !== role.oid || opened.rel.oid !== rel.oid) setOpened({ role, rel });
                  setPressBit(bit);
                }}
                staged={staged}
              />
            )}
            {opened !== null && snapshot !== undefined && (
              <WhyPanel
                snapshot={snapshot}
                toggleBase={toggleBase ?? snapshot}
                role={opened.role}
                rel={opened.rel}
                connectionId={connectionId}
                database={database}
                onClose={() => setOpened(null)}
              />
            )}
          </div>
          <MatrixLegend mode={mode} onMode={setMode} />
        </>
      )}
    </section>
    </FindingMarksScope>
  );
}
