import { useCallback, useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../shared/api/contract';
import { offers } from '../../shared/changes/authority';
import { useCache } from './api/ApiContext';
import { errorMessage } from './api/client';
import { useQuery } from './api/useQuery';
import { useRefreshOnReturn } from './api/useRefreshOnReturn';
import { ServerNotices } from './requests/ServerNotices';
import { SlowRequests } from './requests/SlowRequests';
import { ChangesPanel } from './changes/ChangesPanel';
import { NewDatabaseDialog } from './changes/NewDatabaseDialog';
import { NewGroupDialog } from './changes/NewGroupDialog';
import { NewSchemaDialog } from './changes/NewSchemaDialog';
import { NewUserDialog } from './changes/NewUserDialog';
import { SchemaAccessDialog } from './changes/SchemaAccessDialog';
import { StagedChangesProvider, useStagedChangesStore } from './changes/StagedChanges';
import { CsvExportsBar } from './matrix/CsvExportsBar';
import { AddServerDialog } from './connections/AddServerDialog';
import { DetailsPanel } from './details/DetailsPanel';
import { FindingsPanel } from './findings/FindingsPanel';
import { DemoStatusBanner } from './layout/DemoStatusBanner';
import { ServerVersionBanner } from './layout/ServerVersionBanner';
import { Header } from './layout/Header';
import { FoldedPanel, HideButton, Splitter } from './layout/Splitter';
import { ShortcutsDialog } from './layout/ShortcutsDialog';
import { usePanelLayout } from './layout/usePanelLayout';
import { useShortcuts } from './layout/useShortcuts';
import { RolesPanel } from './roles/RolesPanel';
import { SuperuserWarning } from './roles/SuperuserWarning';
import { ObjectTree } from './tree/ObjectTree';
import { connectionIdOf, type TreeKey, type TreeObject } from './tree/treeObject';
import { ViewHost } from './views/ViewHost';

const pollMs = 500;

/** The demo when it is ready, else the first real server, else whatever there is. */
function defaultConnection(connections: readonly ConnectionInfo[], demoReady: boolean): ConnectionInfo | null {
  if (demoReady) {
    const demo = connections.find((c) => c.kind === 'demo' && c.id === 'demo');
    if (demo !== undefined) return demo;
  }
  return connections.find((c) => c.kind === 'server') ?? connections[0] ?? null;
}

/** The whole window: header, tree, roles, details, and the Add server dialog. */
export function App() {
  const cache = useCache();
  useRefreshOnReturn();
  const list = useQuery('connections.list', {});
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ key: TreeKey; object: TreeObject } | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState<'user' | 'group' | 'database' | 'schema' | 'access' | null>(null);
  const [layout, setPanel] = usePanelLayout();
  const [helpShown, setHelpShown] = useState(false);

  const demo = list.data?.demo;
  const demoState = demo?.state;
  const demoReady = demoState === 'ready';
  // why: a demo server that is still starting cannot answer; keep it out of the tree until ready.
  const connections = (list.data?.connections ?? []).filter((c) => c.kind !== 'demo' || demoReady);
  const current = connections.find((c) => c.id === chosenId) ?? defaultConnection(connections, demoReady);
  const authority = useQuery('server.authority', current === null ? null : { connectionId: current.id }).data;
  const selected = selection !== null && connections.some((c) => c.id === connectionIdOf(selection.object)) ? selection : null;
  // why: a selected server shows the list's latest facts (password held, name), not those at click time.
  const selectedObject: TreeObject | null =
    selected?.object.type === 'server'
      ? { type: 'server', connection: connections.find((c) => c.id === connectionIdOf(selected.object)) ?? selected.object.connection }
      : (selected?.object ?? null);

  const staged = useStagedChangesStore(current?.id ?? null);
  const stagedCount = staged.items.length;
  const [seenCount, setSeenCount] = useState(stagedCount);
  // why: staging a change unfolds the panel so the script is in view at once; when nothing is
  // left staged (after Apply, Clear all) it folds to its one-line bar and the matrix gets the room.
  if (seenCount !== stagedCount) {
    setSeenCount(stagedCount);
    if (stagedCount > seenCount && layout.changes.collapsed) setPanel('changes', { ...layout.changes, collapsed: false });
    if (stagedCount === 0 && !layout.changes.collapsed) setPanel('changes', { ...layout.changes, collapsed: true });
  }
  const changesFolded = layout.changes.collapsed || stagedCount === 0;

  const currentId = current?.id ?? null;
  // why: a role view is about one database: the one open in the tree on this server, else the connection's own.
  const selectedDatabase = selectedObject === null || selectedObject.type === 'server' || connectionIdOf(selectedObject) !== currentId ? null : selectedObject.type === 'database' ? selectedObject.database.name : selectedObject.database;
  const viewDatabase = selectedDatabase ?? current?.database ?? null;
  useShortcuts({
    help: () => setHelpShown(true),
    filter: () => document.querySelector<HTMLInputElement>('input.matrix-search')?.focus(),
    reload: () => {
      if (currentId !== null) cache.refreshServer(currentId);
    },
  });

  const { reload } = list;
  useEffect(() => {
    if (demoState !== 'starting') return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [demoState, reload]);

  // why: opening a database, schema or table means reading its matrix; the findings panel
  // folds to its header for it (counts stay in view, Show brings it back). Not remembered:
  // the next start opens the findings again, as on every connect.
  const [findingsAside, setFindingsAside] = useState(false);
  const onSelect = useCallback((key: TreeKey, object: TreeObject) => {
    setSelection({ key, object });
    setChosenId(connectionIdOf(object));
    if (object.type !== 'server') setFindingsAside(true);
  }, []);

  const onRemove = useCallback(
    async (connection: ConnectionInfo) => {
      setNotice(null);
      try {
        await cache.api.invoke('connections.remove', { connectionId: connection.id });
      } catch (err: unknown) {
        setNotice(errorMessage(err));
      } finally {
        cache.invalidate(['connections.list']);
      }
    },
    [cache],
  );

  return (
    <StagedChangesProvider value={staged}>
      <ViewHost>
      <div className="app">
        <Header
          connections={connections}
          current={current}
          onPick={setChosenId}
          onRemove={(c) => void onRemove(c)}
          onAdd={() => setAdding(true)}
          onNew={current !== null ? setForm : undefined}
          onHelp={() => setHelpShown(true)}
          refused={{ user: offers.createRole(authority), group: offers.createRole(authority), database: offers.createDatabase(authority) }}
        />
        <SlowRequests />
        <ServerNotices />
        <CsvExportsBar />
        {demo !== undefined && <DemoStatusBanner demo={demo} />}
        {current !== null && <ServerVersionBanner connectionId={current.id} />}
        {list.data?.savedServersProblem != null && (
          <div role="alert" className="banner banner-error">
            {list.data.savedServersProblem}
          </div>
        )}
        {list.status === 'error' && (
          <div role="alert" className="banner banner-error">
            {errorMessage(list.error)}{' '}
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        {notice !== null && (
          <div role="alert" className="banner banner-error">
            {notice}
          </div>
        )}
        {current !== null && <SuperuserWarning connectionId={current.id} />}
        <div className="workspace">
          {layout.tree.collapsed ? (
            <FoldedPanel name="servers" controls="tree-panel" onShow={() => setPanel('tree', { ...layout.tree, collapsed: false })} />
          ) : (
            <nav id="tree-panel" className="panel tree-panel" aria-labelledby="tree-heading" style={{ width: layout.tree.size }}>
              <header className="panel-head">
                <h2 id="tree-heading">Servers</h2>
                <HideButton name="servers" controls="tree-panel" onHide={() => setPanel('tree', { ...layout.tree, collapsed: true })} />
              </header>
              <div className="panel-body">
                {list.status === 'loading' && <p className="muted">Loading…</p>}
                {list.data !== undefined && connections.length === 0 && demoState !== 'starting' && (
                  <p className="muted">No servers yet. Use “Add server” to connect to one.</p>
                )}
                {connections.length > 0 && (
                  <ObjectTree
                    connections={connections}
                    currentId={current?.id ?? null}
                    selectedKey={selected?.key ?? null}
                    onSelect={onSelect}
                  />
                )}
              </div>
            </nav>
          )}
          <Splitter panel="tree" side="left" state={layout.tree} label="Resize the servers panel" controls="tree-panel" onChange={(next) => setPanel('tree', next)} />
          {layout.roles.collapsed ? (
            <FoldedPanel name="roles" controls="roles-panel" onShow={() => setPanel('roles', { ...layout.roles, collapsed: false })} />
          ) : (
            <RolesPanel connectionId={current?.id ?? null} viewDatabase={viewDatabase} width={layout.roles.size} onHide={() => setPanel('roles', { ...layout.roles, collapsed: true })} />
          )}
          <Splitter panel="roles" side="left" state={layout.roles} label="Resize the roles panel" controls="roles-panel" onChange={(next) => setPanel('roles', next)} />
          <DetailsPanel selected={selectedObject} onRemove={(c) => void onRemove(c)} layout={layout.details} onLayout={(next) => setPanel('details', next)} />
        </div>
        {current !== null && (
          <>
            {!layout.findings.collapsed && !findingsAside && (
              <Splitter panel="findings" side="bottom" state={layout.findings} label="Resize the findings panel" controls="findings-panel" onChange={(next) => setPanel('findings', next)} />
            )}
            <FindingsPanel
              key={current.id}
              connection={current}
              open={!layout.findings.collapsed && !findingsAside}
              onOpen={(open) => {
                setFindingsAside(false);
                setPanel('findings', { ...layout.findings, collapsed: !open });
              }}
              height={layout.findings.size}
            />
          </>
        )}
        {current !== null && (
          <>
            {!changesFolded && (
              <Splitter panel="changes" side="bottom" state={layout.changes} label="Resize the staged changes panel" controls="changes-region" onChange={(next) => setPanel('changes', next)} />
            )}
            <ChangesPanel
              serverName={current.name}
              database={current.database}
              folded={changesFolded}
              height={layout.changes.size}
              onFold={(folded) => setPanel('changes', { ...layout.changes, collapsed: folded })}
            />
          </>
        )}
        {form === 'user' && current !== null && <NewUserDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'group' && current !== null && <NewGroupDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'database' && current !== null && <NewDatabaseDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'schema' && current !== null && <NewSchemaDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'access' && current !== null && <SchemaAccessDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {helpShown && <ShortcutsDialog onClose={() => setHelpShown(false)} />}
        {adding && (
          <AddServerDialog
            onClose={() => setAdding(false)}
            onAdded={(c) => {
              setChosenId(c.id);
            }}
          />
        )}
      </div>
      </ViewHost>
    </StagedChangesProvider>
  );
}
