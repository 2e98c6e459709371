import { RelationFindingMark, RoleFindingMark } from '../findings/FindingMarkBadge';
import { relationKindWords } from './cellText';
import type { AxisItem } from './matrixAxes';

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
    </span>
  );
}
