import { useState } from 'react';
import type { ChangeInput } from '../../../shared/changes/schema';
import type { CellExplanation } from '../../../shared/privileges/explain';
import { reasonsFor } from '../../../shared/privileges/explain';
import { useStagedChanges } from '../changes/StagedChanges';
import { revokeFixes, sourceWords, superuserWords, tableChange, type OfferedFix } from './cellEdits';
import { spokenNames, spokenOrder } from './cellText';
import type { RelationItem, RoleItem } from './matrixAxes';

/** Props of the grant / revoke toggles of one cell. */
export interface PrivilegeTogglesProps {
  explanation: CellExplanation;
  role: RoleItem;
  rel: RelationItem;
  database: string;
}

const sameChange = (a: ChangeInput, b: ChangeInput) => JSON.stringify(a) === JSON.stringify(b);

/** One toggle per privilege of the relation's kind; a revoke that would change nothing offers the real fixes. */
export function PrivilegeToggles({ explanation: e, role, rel, database }: PrivilegeTogglesProps) {
  const staged = useStagedChanges();
  const [asking, setAsking] = useState<number | null>(null);
  const isStaged = (change: ChangeInput) => staged.items.some((item) => sameChange(item.change, change));
  const stage = (change: ChangeInput) => {
    if (!isStaged(change)) staged.add([change]);
  };

  const bits = spokenOrder.filter((bit) => (e.relevant & bit) !== 0);
  const askedName = asking === null ? null : (spokenNames(asking)[0] ?? null);
  const fixes: OfferedFix[] = asking === null || askedName === null ? [] : revokeFixes(e, asking, role, database, rel, askedName);
  const words = asking === null ? [] : [...new Set([...(e.superuser ? [superuserWords(role)] : []), ...reasonsFor(e, asking).map((r) => sourceWords(r, role))])];

  const onToggle = (bit: number, privilege: string, held: boolean) => {
    if (!held) {
      setAsking(null);
      stage(tableChange('grantTable', database, rel, privilege, role.name));
      return;
    }
    const reasons = reasonsFor(e, bit);
    const onlyDirect = !e.superuser && reasons.length > 0 && reasons.every((r) => r.source === 'direct');
    if (onlyDirect) {
      setAsking(null);
      stage(tableChange('revokeTable', database, rel, privilege, role.name));
    } else setAsking(bit);
  };

  return (
    <div className="privilege-toggles">
      <h4>Change {role.name}’s privileges</h4>
      <ul className="toggle-list" aria-label={`Privileges of ${role.name} on ${rel.label}`}>
        {bits.map((bit) => {
          const privilege = spokenNames(bit)[0] ?? '?';
          const held = (e.privileges & bit) !== 0;
          const change = tableChange(held ? 'revokeTable' : 'grantTable', database, rel, privilege, role.name);
          const done = isStaged(change);
          return (
            <li key={bit}>
              <button
                type="button"
                className={`button toggle${held ? ' is-held' : ''}`}
                aria-pressed={held}
                disabled={done}
                onClick={() => onToggle(bit, privilege, held)}
              >
                {held ? 'Revoke' : 'Grant'} {privilege}
              </button>
              {done && <span className="muted"> staged</span>}
            </li>
          );
        })}
      </ul>
      {asking !== null && askedName !== null && (
        <div className="revoke-fixes" role="group" aria-label={`Where ${askedName} comes from`}>
          <p>
            Revoking {askedName} from {role.name} alone would not take it away:
          </p>
          <ul>
            {words.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p>The real fix:</p>
          <div className="fix-buttons">
            {fixes.map((f) => (
              <button
                key={f.label}
                type="button"
                className="button"
                disabled={isStaged(f.change)}
                onClick={() => {
                  stage(f.change);
                  setAsking(null);
                }}
              >
                {f.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
