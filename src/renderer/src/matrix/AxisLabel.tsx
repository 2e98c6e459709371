import { useContext } from 'react';
import { FindingScope, RelationFindingMark, RoleFindingMark } from '../findings/FindingMarkBadge';
import { useOpenView } from '../views/openView';
import { relationKindWords } from './cellText';
import type { AxisItem } from './matrixAxes';

/**
 * A small button on a header that opens the role view or the table view. why: out of the
 * grid's Tab order (the grid is one tab stop; its cells move with the arrows); the keyboard
 * reaches the same views from the why panel, the roles list and the tree.
 */
function ViewButton({ item }: { item: AxisItem }) {
  const openView = useOpenView();
  const scope = useContext(FindingScope);
  if (openView === null || scope === null || (item.type === 'role' && item.staged)) return null;
  const label = item.type === 'role' ? `Role view of ${item.name}` : `Table view of ${item.label}`;
  return (
    <button
      type="button"
      tabIndex={-1}
      className="axis-view"
      aria-label={label}
      title={label}
      onClick={(event) => {
        event.stopPropagation();
        openView(
          item.type === 'role'
            ? { kind: 'role', connectionId: scope.connectionId, database: scope.database, role: item.name }
            : { kind: 'relation', connectionId: scope.connectionId, database: scope.database, schema: item.schema, name: item.name },
        );
      }}
    >
      ⊞
    </button>
  );
}

/** A role's or relation's name as a header shows it: superusers flagged, kinds other than table badged. */
export function AxisLabel({ item, stacked }: { item: AxisItem; stacked: boolean }) {
  if (item.type === 'role') {
    return (
      <span className="axis-label" title={`${item.name}: ${item.login ? 'user' : 'group'}${item.superuser ? ', superuser' : ''}${item.staged ? ', staged' : ''}`}>
        <span className="axis-icon" aria-hidden="true">
          {item.login ? '●' : '◆'}
        </span>
        <span className="axis-name">{item.name}</span>
        <RoleFindingMark name={item.name} />
        {item.superuser && (
          <span className="superuser-mark" aria-label="superuser">
            ⚠
          </span>
        )}
        {item.staged && <span className="staged-tag">staged</span>}
        <ViewButton item={item} />
      </span>
    );
  }
  const kind = item.kind === 'r' ? null : relationKindWords[item.kind];
  const title = `${item.label}${kind === null ? '' : ` (${kind})`}`;
  if (!stacked) {
    return (
      <span className="axis-label" title={title}>
        <span className="axis-name">
          <span className="muted">{item.schema}.</span>
          {item.name}
        </span>
        {kind !== null && <span className="badge">{kind}</span>}
        <RelationFindingMark schema={item.schema} name={item.name} />
        <ViewButton item={item} />
      </span>
    );
  }
  return (
    <span className="axis-label axis-stacked" title={title}>
      <span className="axis-schema muted">
        {item.schema}
        {kind !== null && ` · ${kind}`}
      </span>
      <span className="axis-name">
        {item.name}
        <RelationFindingMark schema={item.schema} name={item.name} />
      </span>
      <ViewButton item={item} />
    </span>
  );
}
