import { useQuery } from '../api/useQuery';
import { useStagedChanges } from '../changes/StagedChanges';
import { useProjectedSchemas } from '../changes/useProjectedLists';
import { GroupNote } from './GroupNote';
import { RelationNodes } from './RelationNodes';
import { TreeNode } from './TreeNode';

/** The schemas of one database, read on expand. */
export function SchemaNodes({ connectionId, database, level }: { connectionId: string; database: string; level: number }) {
  const query = useQuery('tree.schemas', { connectionId, database });
  const onServer = query.data?.schemas ?? [];
  // why: a schema only a staged change creates shows where it will be, marked staged.
  const current = useStagedChanges().connectionId === connectionId;
  const projected = useProjectedSchemas(connectionId, current && query.data !== undefined ? database : '', false) ?? [];
  const stagedOnly = projected.filter((s) => s.staged && !onServer.some((o) => o.name === s.name));
  const schemas = [...onServer, ...stagedOnly.map((s) => ({ name: s.name, owner: s.owner }))];
  const isStaged = (name: string) => stagedOnly.some((s) => s.name === name);
  return (
    <>
      {schemas.map((schema, index) => {
        const staged = isStaged(schema.name);
        return (
          <TreeNode
            key={schema.name}
            path={[connectionId, database, schema.name]}
            label={schema.name}
            object={staged ? { type: 'schema', connectionId, database, schema, staged: true } : { type: 'schema', connectionId, database, schema }}
            level={level}
            setSize={schemas.length}
            posInSet={index + 1}
            icon="◇"
            badge={staged ? 'staged' : undefined}
            description={staged ? 'schema, staged: created by Apply' : 'schema'}
            expandable={!staged}
            muted={staged}
            renderChildren={() => <RelationNodes connectionId={connectionId} database={database} schema={schema.name} level={level + 1} />}
          />
        );
      })}
      <GroupNote
        level={level}
        loading={query.status === 'loading'}
        error={query.status === 'error' ? query.error : undefined}
        empty={query.status === 'success' && schemas.length === 0 ? 'No schemas' : undefined}
      />
    </>
  );
}
