import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ConnectionParams } from '../../../shared/connections/params';
import type { ConnectionRegistry } from '../connectionRegistry';
import { loadCatalog } from './loadCatalog';

/**
 * Reads a database's CatalogSnapshot through the registry, with a second pooled
 * connection for the relations when the pool can spare one (see LoadOptions). Progress
 * ("12,000 relations read") goes to `onProgress`, by default to the current request.
 */
export function loadCatalogPooled(
  registry: ConnectionRegistry,
  id: string,
  params: ConnectionParams,
  database: string,
  onProgress?: (words: string) => void,
): Promise<CatalogSnapshot> {
  // why: rows arrive on socket events, which carry the context of whoever opened the socket;
  // take this request now rather than look it up from inside the stream.
  const request = registry.requests.current();
  const tell =
    onProgress ??
    ((words: string) => {
      if (request !== undefined) request.progress = words;
    });
  const onRelations = (read: number) => tell(`${read.toLocaleString('en-US')} relations read`);
  return registry.withClient(id, params, database, async (client) => {
    const second = await registry.spare(id, params, database);
    if (second === null) return loadCatalog(client, { onRelations });
    try {
      return await loadCatalog(client, { relationsClient: second.client, onRelations });
    } catch (err) {
      if (request?.signal.aborted) throw err;
      // why: the two-connection read depends on sharing a snapshot, which a pooler between
      // Warden and the server (two connections, two servers) can break; one connection
      // always works, and a real problem fails the same way again, with its own message.
      return await loadCatalog(client, { onRelations });
    } finally {
      second.release();
    }
  });
}
