import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ConnectionParams } from '../../../shared/connections/params';
import type { ConnectionRegistry } from '../connectionRegistry';
import { loadCatalog } from './loadCatalog';

/**
 * Reads a database's CatalogSnapshot through the registry, with a second pooled
 * connection for the relations when the pool can spare one (see LoadOptions).
 */
export function loadCatalogPooled(registry: ConnectionRegistry, id: string, params: ConnectionParams, database: string): Promise<CatalogSnapshot> {
  return registry.withClient(id, params, database, async (client) => {
    const second = await registry.spare(id, params, database);
    if (second === null) return loadCatalog(client);
    try {
      return await loadCatalog(client, { relationsClient: second.client });
    } catch {
      // why: the two-connection read depends on sharing a snapshot, which a pooler between
      // Warden and the server (two connections, two servers) can break; one connection
      // always works, and a real problem fails the same way again, with its own message.
      return await loadCatalog(client);
    } finally {
      second.release();
    }
  });
}
