import { useId, useMemo, useState } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { AccessContext } from '../../../shared/privileges/accessColumn';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useStagedChanges } from '../changes/StagedChanges';
import { isStaged } from '../changes/stagedReducer';
import { columnChange, stagedColumnChanges } from './cellEdits';
import { columnPrivilegeNames, holdingWords, roleColumnHoldings } from './columnAccess';
import type { RelationItem, RoleItem } from './matrixAxes';

/** Props of the column-privileges part of the why panel. */
export interface ColumnPrivilegesProps {
  snapshot: CatalogSnapshot;
  context: AccessContext;
  connectionId: string;
  database: string;
  role: RoleItem;
  rel: RelationItem;
}

const toggled = (list: readonly string[], name: string, on: boolean, order: readonly string[]) =>
  order.filter((n) => (n === name ? on : list.includes(n)));

/**
 * What a role holds on single columns of a relation (has_column_privilege is the table-level
 * cell OR these), and a small form that stages GRANT / REVOKE on chosen columns.
 */
export function ColumnPrivileges({ snapshot, context, connectionId, database, role, rel }: ColumnPrivilegesProps) {
  const headingId = useId();
  const staged = useStagedChanges();
  const query = useQuery('catalog.columns', { connectionId, database, relationOid: rel.oid });
  const columns = useMemo(() => query.data?.columns ?? [], [query.data]);
  const holdings = useMemo(
    () => (query.data === undefined ? [] : roleColumnHoldings(snapshot, columns, rel.oid, role.oid, context)),
    [query.data, snapshot, columns, rel.oid, role.oid, context],
  );
  const names = columns.map((c) => c.name);
  const [chosen, setChosen] = useState<string[]>([]);
  const [privileges, setPrivileges] = useState<string[]>(['SELECT']);
  const [grantOption, setGrantOption] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const here = stagedColumnChanges(staged.items, database, rel, role.name);

  const stage = (kind: 'grantTable' | 'revokeTable') => {
    if (chosen.length === 0 || privileges.length === 0) {
      setMessage('Choose at least one column and one privilege.');
      return;
    }
    const change = columnChange(kind, database, rel, privileges, chosen, role.name, grantOption);
    if (isStaged(staged.items, change)) {
      setMessage('That change is staged already.');
      return;
    }
    setMessage(null);
    // why: a toggle, so a revoke of exactly a staged grant unstages it rather than stacking both.
    staged.toggle(change);
  };

  return (
    <section className="column-privileges" aria-labelledby={headingId}>
      <h4 id={headingId}>Column privileges of {role.name}</h4>
      {query.status === 'error' && (
        <p role="alert" className="error-text">
          {errorMessage(query.error)}
        </p>
      )}
      {query.data === undefined && query.status !== 'error' && <p className="muted">Reading the columns…</p>}
      {query.data !== undefined &&
        (role.superuser ? (
          <p className="muted">A superuser has every column too.</p>
        ) : holdings.length === 0 ? (
          <p className="muted">None of its own: only the table-level privileges above apply to the columns.</p>
        ) : (
          <ul className="column-holdings" aria-label={`Column privileges of ${role.name} on ${rel.label}`}>
            {holdings.map((h) => (
              <li key={h.name}>{holdingWords(h)}</li>
            ))}
          </ul>
        ))}
      {here.length > 0 && (
        <ul className="column-staged" aria-label="Staged column changes">
          {here.map((item) => (
            <li key={item.id}>
              <span className="staged-tag">staged</span> {item.label}{' '}
              <button type="button" className="button button-ghost" aria-label={`Unstage: ${item.label}`} onClick={() => staged.remove([item.id])}>
                Unstage
              </button>
            </li>
          ))}
        </ul>
      )}
      {names.length > 0 && (
        <details className="column-form">
          <summary>Grant or revoke on columns…</summary>
          <fieldset className="role-checklist">
            <legend>Columns</legend>
            {names.map((name) => (
              <label key={name} className="check-inline">
                <input type="checkbox" checked={chosen.includes(name)} onChange={(e) => setChosen(toggled(chosen, name, e.target.checked, names))} />
                {name}
              </label>
            ))}
          </fieldset>
          <fieldset className="role-checklist">
            <legend>Privileges</legend>
            {columnPrivilegeNames.map((p) => (
              <label key={p} className="check-inline">
                <input
                  type="checkbox"
                  checked={privileges.includes(p)}
                  onChange={(e) => setPrivileges(toggled(privileges, p, e.target.checked, columnPrivilegeNames))}
                />
                {p}
              </label>
            ))}
          </fieldset>
          <label className="check-inline">
            <input type="checkbox" checked={grantOption} onChange={(e) => setGrantOption(e.target.checked)} />
            With grant option (on a revoke: only the grant option)
          </label>
          {message !== null && (
            <p className="field-error" role="alert">
              {message}
            </p>
          )}
          <div className="fix-buttons column-actions">
            <button type="button" className="button" onClick={() => stage('grantTable')}>
              Stage column grant
            </button>
            <button type="button" className="button" onClick={() => stage('revokeTable')}>
              Stage column revoke
            </button>
          </div>
        </details>
      )}
    </section>
  );
}
