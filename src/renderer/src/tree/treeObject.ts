import type { ConnectionInfo, Database, Relation, RelationKind, Schema } from '../../../shared/api/contract';

/** What a tree item stands for; the details panel shows it. */
export type TreeObject =
  | { type: 'server'; connection: ConnectionInfo }
  | { type: 'database'; connectionId: string; database: Database; staged?: true }
  | { type: 'schema'; connectionId: string; database: string; schema: Schema; staged?: true }
  | { type: 'relation'; connectionId: string; database: string; schema: string; relation: Relation };

/** A tree item's identity: the names from the server down, as JSON (names may hold any character). */
export type TreeKey = string;

/** The key of the item at `path` (connection id, database, schema, relation). */
export function treeKey(path: readonly string[]): TreeKey {
  return JSON.stringify(path);
}

/** True when `key` lies strictly below `ancestor`. */
export function isBelow(key: TreeKey, ancestor: TreeKey): boolean {
  return key.startsWith(`${ancestor.slice(0, -1)},`);
}

/** The short badge text for a relation kind. */
export const relationKindLabel: Record<RelationKind, string> = {
  table: 'table',
  view: 'view',
  materialized_view: 'matview',
  sequence: 'sequence',
  foreign_table: 'foreign',
  partitioned_table: 'partitioned',
};

/** The connection an object belongs to. */
export function connectionIdOf(object: TreeObject): string {
  return object.type === 'server' ? object.connection.id : object.connectionId;
}
