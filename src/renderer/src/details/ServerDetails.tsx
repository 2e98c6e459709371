import type { ConnectionInfo } from '../../../shared/api/contract';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Facts } from './Facts';
import { PasswordForm } from './PasswordForm';

/** A server: where it is, who we are on it, and a way to forget it. */
export function ServerDetails({ connection, onRemove }: { connection: ConnectionInfo; onRemove: (c: ConnectionInfo) => void }) {
  const info = useQuery('server.info', { connectionId: connection.id });
  return (
    <>
      <Facts
        rows={[
          ['Kind', connection.kind === 'demo' ? 'server (demo)' : 'server'],
          ['Address', `${connection.host}:${connection.port}`],
          ['User', connection.user],
          ['Database', connection.database],
          ['SSL mode', connection.sslmode],
          ['Password', connection.hasPassword ? 'held' : 'none'],
          ['Remembered', connection.saved ? 'yes' : 'no'],
          ['Version', info.data !== undefined ? `PostgreSQL ${info.data.version}` : info.status === 'error' ? '—' : 'Loading…'],
          ['Connected as', info.data?.currentUser ?? '—'],
        ]}
      />
      {info.data?.isSuperuser === true && (
        <p className="note-warning">You are connected as a superuser: Warden can read and change everything here.</p>
      )}
      {info.status === 'error' && (
        <p role="alert" className="error-text">
          {errorMessage(info.error)}
        </p>
      )}
      {connection.kind === 'server' && !connection.hasPassword && info.status === 'error' && <PasswordForm connection={connection} />}
      {connection.kind === 'server' && (
        <button type="button" className="button button-danger" onClick={() => onRemove(connection)}>
          Remove server {connection.name}
        </button>
      )}
    </>
  );
}
