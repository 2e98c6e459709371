import { useCallback, useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../shared/api/contract';
import { useCache } from './api/ApiContext';
import { errorMessage } from './api/client';
import { useQuery } from './api/useQuery';
import { useRefreshOnReturn } from './api/useRefreshOnReturn';
import { SlowRequests } from './requests/SlowRequests';
import { ChangesPanel } from './changes/ChangesPanel';
import { NewDatabaseDialog } from './changes/NewDatabaseDialog';
import { NewGroupDialog } from './changes/NewGroupDialog';
import { NewSchemaDialog } from './changes/NewSchemaDialog';
import { NewUserDialog } from './changes/NewUserDialog';
import { SchemaAccessDialog } from './changes/SchemaAccessDialog';
import { StagedChangesProvider, useStagedChangesStore } from './changes/StagedChanges';
import { AddServerDialog } from './connections/AddServerDialog';
import { DetailsPanel } from './details/DetailsPanel';
import { FindingsPanel } from './findings/FindingsPanel';
import { DemoStatusBanner } from './layout/DemoStatusBanner';
import { Header } from './layout/Header';
import { RolesPanel } from './roles/RolesPanel';
import { ObjectTree } from './tree/ObjectTree';
import { connectionIdOf, type TreeKey, type TreeObject } from './tree/treeObject';

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
  const [changesShown, setChangesShown] = useState(false);

  const demo = list.data?.demo;
  const demoState = demo?.state;
  const demoReady = demoState === 'ready';
  // why: a demo server that is still starting cannot answer; keep it out of the tree until ready.
  const connections = (list.data?.connections ?? []).filter((c) => c.kind !== 'demo' || demoReady);
  const current = connections.find((c) => c.id === chosenId) ?? defaultConnection(connections, demoReady);
  const selected = selection !== null && connections.some((c) => c.id === connectionIdOf(selection.object)) ? selection : null;
  // why: a selected server shows the list's latest facts (password held, name), not those at click time.
  const selectedObject: TreeObject | null =
    selected?.object.type === 'server'
      ? { type: 'server', connection: connections.find((c) => c.id === connectionIdOf(selected.object)) ?? selected.object.connection }
      : (selected?.object ?? null);

  const staged = useStagedChangesStore(current?.id ?? null);
  const stagedCount = staged.items.length;
  const [seenCount, setSeenCount] = useState(stagedCount);
  // why: staging a change opens the panel so the script is in view at once.
  if (seenCount !== stagedCount) {
    setSeenCount(stagedCount);
    if (stagedCount > seenCount) setChangesShown(true);
  }

  const { reload } = list;
  useEffect(() => {
    if (demoState !== 'starting') return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [demoState, reload]);

  const onSelect = useCallback((key: TreeKey, object: TreeObject) => {
    setSelection({ key, object });
    setChosenId(connectionIdOf(object));
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
      <div className="app">
        <Header
          connections={connections}
          current={current}
          onPick={setChosenId}
          onRemove={(c) => void onRemove(c)}
          onAdd={() => setAdding(true)}
          onNew={current !== null ? setForm : undefined}
          stagedCount={stagedCount}
          changesOpen={changesShown}
          onToggleChanges={() => setChangesShown((v) => !v)}
        />
        <SlowRequests />
        {demo !== undefined && <DemoStatusBanner demo={demo} />}
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
        <div className="workspace">
          <nav className="panel tree-panel" aria-labelledby="tree-heading">
            <header className="panel-head">
              <h2 id="tree-heading">Servers</h2>
            </header>
            <div className="panel-body">
              {list.status === 'loading' && <p className="muted">Loading…</p>}
              {list.data !== undefined && connections.length === 0 && demoState !== 'starting' && (
                <p className="muted">No servers yet. Use “Add server” to connect to one.</p>
              )}
              {connections.length > 0 && (
                <ObjectTree
                  key={demoReady ? 'with-demo' : 'without-demo'}
                  connections={connections}
                  initiallyExpanded={current?.id ?? null}
                  selectedKey={selected?.key ?? null}
                  onSelect={onSelect}
                />
              )}
            </div>
          </nav>
          <RolesPanel connectionId={current?.id ?? null} />
          <DetailsPanel selected={selectedObject} onRemove={(c) => void onRemove(c)} />
        </div>
        {current !== null && <FindingsPanel key={current.id} connection={current} />}
        {changesShown && current !== null && <ChangesPanel serverName={current.name} onHide={() => setChangesShown(false)} />}
        {form === 'user' && current !== null && <NewUserDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'group' && current !== null && <NewGroupDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'database' && current !== null && <NewDatabaseDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'schema' && current !== null && <NewSchemaDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {form === 'access' && current !== null && <SchemaAccessDialog connectionId={current.id} onClose={() => setForm(null)} />}
        {adding && (
          <AddServerDialog
            onClose={() => setAdding(false)}
            onAdded={(c) => {
              setChosenId(c.id);
            }}
          />
        )}
      </div>
    </StagedChangesProvider>
  );
}
