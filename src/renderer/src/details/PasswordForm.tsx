import { useState, type SyntheticEvent } from 'react';
import type { ConnectionInfo } from '../../../shared/api/contract';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';

/** Gives a saved server its password for this session (browser mode never stores one). */
export function PasswordForm({ connection }: { connection: ConnectionInfo }) {
  const cache = useCache();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await cache.api.invoke('connections.setPassword', { connectionId: connection.id, password });
      setPassword('');
      cache.refreshServer(connection.id);
    } catch (err: unknown) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="password-form" onSubmit={(e) => void onSubmit(e)} aria-label={`Password for ${connection.name}`}>
      <label htmlFor="server-password">Password for {connection.user}</label>
      <div className="password-row">
        <input
          id="server-password"
          type="password"
          autoComplete="off"
          value={password}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? 'server-password-error' : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          Use password
        </button>
      </div>
      {error !== null && (
        <span id="server-password-error" role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
