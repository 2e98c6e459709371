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
    try {
      return await loadCatalog(client, second ? { relationsClient: second.client } : {});
    } finally {
      second?.release();
    }
  });
}
