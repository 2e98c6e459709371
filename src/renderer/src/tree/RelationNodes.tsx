import { useQuery } from '../api/useQuery';
import { GroupNote } from './GroupNote';
import { TreeNode } from './TreeNode';
import { relationKindLabel } from './treeObject';

const kindIcon: Record<string, string> = {
  table: '▦',
  view: '◫',
  materialized_view: '◩',
  sequence: '#',
  foreign_table: '⇄',
  partitioned_table: '▤',
};

/** The relations of one schema, read on expand. */
export function RelationNodes({ connectionId, database, schema, level }: { connectionId: string; database: string; schema: string; level: number }) {
  const query = useQuery('tree.relations', { connectionId, database, schema });
  const relations = query.data?.relations ?? [];
  return (
    <>
      {relations.map((relation, index) => (
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
        />
      ))}
      <GroupNote
        level={level}
        loading={query.status === 'loading'}
        error={query.status === 'error' ? query.error : undefined}
        empty={query.status === 'success' && relations.length === 0 ? 'No tables or views' : undefined}
      />
    </>
  );
}
