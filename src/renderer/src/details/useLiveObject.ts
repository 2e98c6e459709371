import { useQuery } from '../api/useQuery';
import type { TreeObject } from '../tree/treeObject';

/** What the details panel shows for a selected item: its facts as last read, or that it is gone. */
export type LiveObject = { state: 'present' | 'gone' | 'staged'; object: TreeObject };

/**
 * The selected tree item as the server last said it is. why: the selection holds the facts
 * read when it was clicked; after Reload, Apply or a return to the window the tree reads
 * again, and the details must follow (a new owner, a dropped table) rather than show the
 * click-time copy. The queries are the tree's own, so this sends no request of its own.
 */
export function useLiveObject(selected: TreeObject | null): LiveObject | null {
  const databases = useQuery('tree.databases', selected?.type === 'database' ? { connectionId: selected.connectionId } : null);
  const schemas = useQuery('tree.schemas', selected?.type === 'schema' ? { connectionId: selected.connectionId, database: selected.database } : null);
  const relations = useQuery(
    'tree.relations',
    selected?.type === 'relation' ? { connectionId: selected.connectionId, database: selected.database, schema: selected.schema } : null,
  );
  if (selected === null) return null;
  // why: a database or schema only staged changes create is not on the server to read yet.
  if ((selected.type === 'database' || selected.type === 'schema') && selected.staged === true) return { state: 'staged', object: selected };
  switch (selected.type) {
    case 'server':
      return { state: 'present', object: selected };
    case 'database': {
      if (databases.data === undefined) return { state: 'present', object: selected };
      const fresh = databases.data.databases.find((d) => d.name === selected.database.name);
      return fresh === undefined ? { state: 'gone', object: selected } : { state: 'present', object: { ...selected, database: fresh } };
    }
    case 'schema': {
      if (schemas.data === undefined) return { state: 'present', object: selected };
      const fresh = schemas.data.schemas.find((s) => s.name === selected.schema.name);
      return fresh === undefined ? { state: 'gone', object: selected } : { state: 'present', object: { ...selected, schema: fresh } };
    }
    case 'relation': {
      if (relations.data === undefined) return { state: 'present', object: selected };
      const fresh = relations.data.relations.find((r) => r.name === selected.relation.name);
      return fresh === undefined ? { state: 'gone', object: selected } : { state: 'present', object: { ...selected, relation: fresh } };
    }
  }
}
