import { useQuery } from '../api/useQuery';
import { GroupNote } from './GroupNote';
import { RelationNodes } from './RelationNodes';
import { TreeNode } from './TreeNode';

/** The schemas of one database, read on expand. */
export function SchemaNodes({ connectionId, database, level }: { connectionId: string; database: string; level: number }) {
  const query = useQuery('tree.schemas', { connectionId, database });
  const schemas = query.data?.schemas ?? [];
  return (
    <>
      {schemas.map((schema, index) => (
        <TreeNode
          key={schema.name}
          path={[connectionId, database, schema.name]}
          label={schema.name}
          object={{ type: 'schema', connectionId, database, schema }}
          level={level}
          setSize={schemas.length}
          posInSet={index + 1}
          icon="◇"
          description="schema"
          expandable
          renderChildren={() => <RelationNodes connectionId={connectionId} database={database} schema={schema.name} level={level + 1} />}
        />
      ))}
      <GroupNote
        level={level}
        loading={query.status === 'loading'}
        error={query.status === 'error' ? query.error : undefined}
        empty={query.status === 'success' && schemas.length === 0 ? 'No schemas' : undefined}
      />
    </>
  );
}
