import { connect } from 'node:net';
import type pg from 'pg';

/** PostgreSQL's CancelRequest code (protocol 3.0, "CancelRequest" message). */
const cancelRequestCode = 80877102;

/** The key pg keeps for a connection once the server sent BackendKeyData. */
interface BackendKey {
  processID: number | null;
  secretKey: number | null;
}

/**
 * Asks the server to cancel whatever `client` is running, the way psql's Ctrl+C does:
 * a CancelRequest on a new socket with the backend's key. why: it needs no login, no free
 * pool slot and no privilege, so it works when every connection is busy; the server
 * checks the key, so it can only cancel our own query. Resolves when the request is sent.
 */
export function cancelRunningQuery(client: pg.ClientBase, host: string, port: number, timeoutMs = 5000): Promise<void> {
  const { processID, secretKey } = client as unknown as BackendKey;
  if (processID === null || secretKey === null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error('The cancel request got no answer.')), timeoutMs);
    socket.once('connect', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(cancelRequestCode, 4);
      packet.writeInt32BE(processID, 8);
      packet.writeInt32BE(secretKey, 12);
      // why: the server reads the packet and closes the socket; it never answers.
      socket.end(packet);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
