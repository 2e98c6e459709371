import { useQuery } from '../api/useQuery';
import { useStagedChanges } from '../changes/StagedChanges';
import { useProjectedLists } from '../changes/useProjectedLists';
import { GroupNote } from './GroupNote';
import { SchemaNodes } from './SchemaNodes';
import { TreeNode } from './TreeNode';

/** The databases of one server, read on expand. Databases that refuse connections cannot open. */
export function DatabaseNodes({ connectionId, level }: { connectionId: string; level: number }) {
  const query = useQuery('tree.databases', { connectionId });
  const onServer = query.data?.databases ?? [];
  // why: a database only a staged change creates shows where it will be, marked staged (the
  // staged changes belong to the current server only).
  const current = useStagedChanges().connectionId === connectionId;
  const projected = useProjectedLists(current && query.data !== undefined ? connectionId : null).databases ?? [];
  const stagedOnly = projected.filter((d) => d.staged && !onServer.some((s) => s.name === d.name));
  const databases = [...onServer, ...stagedOnly.map((d) => ({ name: d.name, owner: d.owner, isTemplate: d.isTemplate, allowConnections: d.allowConnections }))];
  const isStaged = (name: string) => stagedOnly.some((d) => d.name === name);
  return (
    <>
      {databases.map((database, index) => {
        const staged = isStaged(database.name);
        const badge = staged ? 'staged' : !database.allowConnections ? 'no connect' : database.isTemplate ? 'template' : undefined;
        return (
          <TreeNode
            key={database.name}
            path={[connectionId, database.name]}
            label={database.name}
            object={staged ? { type: 'database', connectionId, database, staged: true } : { type: 'database', connectionId, database }}
            level={level}
            setSize={databases.length}
            posInSet={index + 1}
            icon="⛁"
            badge={badge}
            description={staged ? 'database, staged: created by Apply' : database.allowConnections ? 'database' : 'database, does not allow connections'}
            expandable={database.allowConnections && !staged}
            muted={!database.allowConnections || staged}
            renderChildren={() => <SchemaNodes connectionId={connectionId} database={database.name} level={level + 1} />}
          />
        );
      })}
      <GroupNote level={level} loading={query.status === 'loading'} error={query.status === 'error' ? query.error : undefined} />
    </>
  );
}
