import { useQuery } from '../api/useQuery';
import { GroupNote } from './GroupNote';
import { SchemaNodes } from './SchemaNodes';
import { TreeNode } from './TreeNode';

/** The databases of one server, read on expand. Databases that refuse connections cannot open. */
export function DatabaseNodes({ connectionId, level }: { connectionId: string; level: number }) {
  const query = useQuery('tree.databases', { connectionId });
  const databases = query.data?.databases ?? [];
  return (
    <>
      {databases.map((database, index) => {
        const badge = !database.allowConnections ? 'no connect' : database.isTemplate ? 'template' : undefined;
        return (
          <TreeNode
            key={database.name}
            path={[connectionId, database.name]}
            label={database.name}
            object={{ type: 'database', connectionId, database }}
            level={level}
            setSize={databases.length}
            posInSet={index + 1}
            icon="⛁"
            badge={badge}
            description={database.allowConnections ? 'database' : 'database, does not allow connections'}
            expandable={database.allowConnections}
            muted={!database.allowConnections}
            renderChildren={() => <SchemaNodes connectionId={connectionId} database={database.name} level={level + 1} />}
          />
        );
      })}
      <GroupNote level={level} loading={query.status === 'loading'} error={query.status === 'error' ? query.error : undefined} />
    </>
  );
}
