import { useState } from 'react';
import type { ChangeInput } from '../../../shared/changes/schema';
import type { CellExplanation } from '../../../shared/privileges/explain';
import { reasonsFor } from '../../../shared/privileges/explain';
import { useStagedChanges } from '../changes/StagedChanges';
import { isStaged } from '../changes/stagedReducer';
import { privilegeToggles, refusedWords, revokeFixes, sourceWords, superuserWords, type OfferedFix } from './cellEdits';
import { spokenNames, spokenOrder } from './cellText';
import type { RelationItem, RoleItem } from './matrixAxes';

/** Props of the grant / revoke toggles of one cell. */
export interface PrivilegeTogglesProps {
  explanation: CellExplanation;
  role: RoleItem;
  rel: RelationItem;
  database: string;
  /** The connected role, for the words of a refusal. */
  actor?: string | null;
  /** Privilege bits the connected role may grant and revoke here (WITH GRANT OPTION, or owner); null: all. */
  actorGrantable?: number | null;
}

/**
 * One toggle per privilege of the relation's kind, and one for its grant option. Pressing a
 * toggle stages its change; pressing it again unstages it. A revoke that would change nothing
 * offers the real fixes instead.
 */
export function PrivilegeToggles({ explanation: e, role, rel, database, actor = null, actorGrantable = null }: PrivilegeTogglesProps) {
  const staged = useStagedChanges();
  const [asking, setAsking] = useState<number | null>(null);
  const stagedNow = (change: ChangeInput) => isStaged(staged.items, change);

  const bits = spokenOrder.filter((bit) => (e.relevant & bit) !== 0);
  const askedName = asking === null ? null : (spokenNames(asking)[0] ?? null);
  const fixes: OfferedFix[] = asking === null || askedName === null ? [] : revokeFixes(e, asking, role, database, rel, askedName);
  const words = asking === null ? [] : [...new Set([...(e.superuser ? [superuserWords(role)] : []), ...reasonsFor(e, asking).map((r) => sourceWords(r, role))])];

  const onMain = (bit: number, main: ChangeInput, siblings: readonly ChangeInput[], held: boolean) => {
    if (stagedNow(main) || !held) {
      setAsking(null);
      staged.toggle(main, siblings);
      return;
    }
    const reasons = reasonsFor(e, bit);
    const onlyDirect = !e.superuser && reasons.length > 0 && reasons.every((r) => r.source === 'direct');
    if (onlyDirect) {
      setAsking(null);
      staged.toggle(main, siblings);
    } else setAsking(asking === bit ? null : bit);
  };

  return (
    <div className="privilege-toggles">
      <h4>Change {role.name}’s privileges</h4>
      <p className="muted toggle-hint">Each button stages one change; press it again to unstage it.</p>
      <ul className="toggle-list" aria-label={`Privileges of ${role.name} on ${rel.label}`}>
        {bits.map((bit) => {
          const privilege = spokenNames(bit)[0] ?? '?';
          const held = (e.privileges & bit) !== 0;
          const set = privilegeToggles(e, bit, privilege, role, database, rel);
          const mainStaged = stagedNow(set.main);
          const optionStaged = set.option !== null && stagedNow(set.option.change);
          const refused = refusedWords(actorGrantable, bit, actor, privilege, rel.label);
          return (
            <li key={bit} className={mainStaged || optionStaged ? 'is-staged' : undefined}>
              <button
                type="button"
                className={`button toggle${held ? ' is-held' : ''}`}
                data-bit={bit}
                aria-pressed={mainStaged}
                // why: a staged toggle can always be pressed again to unstage it.
                disabled={refused !== null && !mainStaged}
                title={refused ?? undefined}
                onClick={() => onMain(bit, set.main, set.all, held)}
              >
                {held ? 'Revoke' : 'Grant'} {privilege}
              </button>
              {set.option !== null && (
                <button
                  type="button"
                  className="button toggle toggle-option"
                  aria-pressed={optionStaged}
                  aria-label={set.option.label}
                  disabled={refused !== null && !optionStaged}
                  title={refused ?? set.option.label}
                  onClick={() => {
                    if (set.option === null) return;
                    setAsking(null);
                    staged.toggle(set.option.change, set.all);
                  }}
                >
                  {set.option.text}
                </button>
              )}
              {set.optionNote !== null && <span className="muted"> {set.optionNote}</span>}
              {refused !== null && <span className="muted toggle-refused"> {refused}</span>}
              {(mainStaged || optionStaged) && <span className="staged-tag">staged</span>}
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
                aria-pressed={stagedNow(f.change)}
                onClick={() => {
                  staged.toggle(f.change);
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
