import type { ConnectionInfo } from '../../../shared/api/contract';

interface HeaderProps {
  connections: readonly ConnectionInfo[];
  current: ConnectionInfo | null;
  onPick: (id: string) => void;
  onRemove: (c: ConnectionInfo) => void;
  onAdd: () => void;
  /** Opens a staging form; absent when no server is chosen. */
  onNew?: ((form: 'user' | 'group' | 'database' | 'schema' | 'access') => void) | undefined;
  /** Opens the keyboard shortcuts. */
  onHelp: () => void;
  /** Why a form is not offered to the connected role (null or absent: offered). */
  refused?: Partial<Record<'user' | 'group' | 'database', string | null>>;
}

/** The top bar: the app's name, the current server (and a way to switch or forget it), Add server. */
export function Header({ connections, current, onPick, onRemove, onAdd, onNew, onHelp, refused = {} }: HeaderProps) {
  const offered = (form: 'user' | 'group' | 'database') => {
    const why = refused[form] ?? null;
    return why === null ? {} : { disabled: true, title: why };
  };
  return (
    <header className="app-header">
      <h1 className="brand">Warden</h1>
      <div className="current-connection">
        {connections.length > 0 ? (
          <div className="picker">
            <label className="picker-label" htmlFor="current-server">
              Current server
            </label>
            <select id="current-server" value={current?.id ?? ''} onChange={(e) => onPick(e.target.value)}>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.user}@{c.host}:{c.port}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <span className="muted">No server</span>
        )}
        {current?.kind === 'server' && (
          <button type="button" className="button" onClick={() => onRemove(current)}>
            Remove server
          </button>
        )}
      </div>
      {onNew !== undefined && (
        <>
          <button type="button" className="button" onClick={() => onNew('user')} {...offered('user')}>
            New user
          </button>
          <button type="button" className="button" onClick={() => onNew('group')} {...offered('group')}>
            New group
          </button>
          <button type="button" className="button" onClick={() => onNew('database')} {...offered('database')}>
            New database
          </button>
          <button type="button" className="button" onClick={() => onNew('schema')}>
            New schema
          </button>
          <button type="button" className="button" onClick={() => onNew('access')}>
            Schema access…
          </button>
        </>
      )}
      <button type="button" className="button" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={onHelp}>
        ?
      </button>
      <button type="button" className="button button-primary" onClick={onAdd}>
        Add server
      </button>
    </header>
  );
}
