import { useMemo } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ChangeInput } from '../../../shared/changes/schema';
import { withoutCellGrants } from '../../../shared/projection/cellBase';
import { projectSnapshot, type Projection, type ProjectionOptions } from '../../../shared/projection/project';
import { useQuery } from '../api/useQuery';
import { useStagedChanges } from '../changes/StagedChanges';

/** One database's catalog as read, and as it will be after the staged changes. */
export interface ProjectedCatalog {
  /** The catalog as the server gave it. */
  base: CatalogSnapshot;
  /** The catalog after every staged change: what the matrix and the why panel show. */
  projection: Projection;
  /** The snapshot a cell's toggles start from: everything staged except that cell's own grants and revokes. */
  toggleBase: (role: string, schema: string, table: string) => CatalogSnapshot;
}

/**
 * Projects the staged changes (src/shared/projection) onto the catalog of one database, so
 * staged roles are rows, staged grants are in the cells, and staged memberships count.
 */
export function useProjectedCatalog(connectionId: string, database: string, base: CatalogSnapshot | undefined): ProjectedCatalog | undefined {
  const { items } = useStagedChanges();
  const info = useQuery('server.info', { connectionId }).data;
  const currentUser = info?.currentUser;
  const changes = useMemo<ChangeInput[]>(() => items.map((i) => i.change), [items]);
  return useMemo(() => {
    if (base === undefined) return undefined;
    const options: ProjectionOptions = currentUser === undefined ? {} : { currentUser };
    const projection = projectSnapshot(base, changes, options);
    const toggleBase = (role: string, schema: string, table: string) =>
      projectSnapshot(base, withoutCellGrants(changes, { database, schema, table, role }), options).snapshot;
    return { base, projection, toggleBase };
  }, [base, changes, currentUser, database]);
}
