import { useMemo } from 'react';
import type { Relation } from '../../../shared/api/contract';
import { useQuery } from '../api/useQuery';
import { GroupNote } from './GroupNote';
import type { TreeEntry } from './treeKeyboard';
import { TreeNode } from './TreeNode';
import { relationKindLabel, treeKey } from './treeObject';
import { VirtualTreeItems, virtualizeFrom } from './VirtualTreeItems';

const kindIcon: Record<string, string> = {
  table: '▦',
  view: '◫',
  materialized_view: '◩',
  sequence: '#',
  foreign_table: '⇄',
  partitioned_table: '▤',
};

interface RelationNodesProps {
  connectionId: string;
  database: string;
  schema: string;
  level: number;
}

/** The relations of one schema, read on expand; a long list renders only the rows near the view. */
export function RelationNodes({ connectionId, database, schema, level }: RelationNodesProps) {
  const query = useQuery('tree.relations', { connectionId, database, schema });
  const relations = useMemo(() => query.data?.relations ?? [], [query.data]);
  const virtual = relations.length > virtualizeFrom;
  const entries = useMemo<TreeEntry[]>(
    () => (virtual ? relations.map((r) => ({ key: treeKey([connectionId, database, schema, r.name]), level, expanded: null, label: r.name })) : []),
    [virtual, relations, connectionId, database, schema, level],
  );
  const node = (relation: Relation, index: number) => (
    <TreeNode
      key={relation.name}
      path={[connectionId, database, schema, relation.name]}
      label={relation.name}
      object={{ type: 'relation', connectionId, database, schema, relation }}
      level={level}
      setSize={relations.length}
      posInSet={index + 1}
      icon={kindIcon[relation.kind] ?? '▦'}
      badge={relationKindLabel[relation.kind]}
      description={relation.isPartition ? `${relationKindLabel[relation.kind]}, partition` : relationKindLabel[relation.kind]}
      expandable={false}
      virtual={virtual}
    />
  );
  return (
    <>
      {virtual ? (
        <VirtualTreeItems
          parentKey={treeKey([connectionId, database, schema])}
          entries={entries}
          renderItem={(index) => {
            const relation = relations[index];
            return relation === undefined ? null : node(relation, index);
          }}
        />
      ) : (
        relations.map(node)
      )}
      <GroupNote
        level={level}
        loading={query.status === 'loading'}
        error={query.status === 'error' ? query.error : undefined}
        empty={query.status === 'success' && relations.length === 0 ? 'No tables or views' : undefined}
      />
    </>
  );
}
