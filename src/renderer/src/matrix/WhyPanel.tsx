import { useEffect, useId, useMemo, useRef } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { explainCell } from '../../../shared/privileges/explain';
import { useQuery } from '../api/useQuery';
import { contextOf } from './accessContexts';
import { relationKindWords } from './cellText';
import { ColumnPrivileges } from './ColumnPrivileges';
import { kindsWithColumns } from './columnAccess';
import { cellNotes, explainWords } from './explainWords';
import type { RelationItem, RoleItem } from './matrixAxes';
import { PrivilegeToggles } from './PrivilegeToggles';
import { WhyNotSection } from '../whyNot/WhyNotSection';
import { useOpenView } from '../views/openView';

/** Props of the "why" panel. */
export interface WhyPanelProps {
  /** The catalog as it will be after the staged changes: what the explanation tells. */
  snapshot: CatalogSnapshot;
  /** The same without this cell's own staged grants and revokes: what the toggles start from. */
  toggleBase: CatalogSnapshot;
  role: RoleItem;
  rel: RelationItem;
  /** The server, for reading the relation's columns. */
  connectionId: string;
  /** The database the relation is in, for staged grants. */
  database: string;
  onClose: () => void;
}

/** Why a role holds what it holds on a relation: each privilege with every path, in plain words. */
export function WhyPanel({ snapshot, toggleBase, role, rel, connectionId, database, onClose }: WhyPanelProps) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const explanation = useMemo(() => explainCell(snapshot, role.oid, rel.oid, contextOf(snapshot)), [snapshot, role.oid, rel.oid]);
  // why: a toggle shows what pressing it does to the server's state plus the other staged
  // changes; its own staged grant must not turn "Grant SELECT" into "Revoke SELECT".
  const toggles = useMemo(
    () => (toggleBase === snapshot ? explanation : explainCell(toggleBase, role.oid, rel.oid, contextOf(toggleBase))),
    [toggleBase, snapshot, explanation, role.oid, rel.oid],
  );
  // why: the connected role can grant or revoke only what it holds WITH GRANT OPTION (or owns:
  // owners always hold every grant option), which the engine reads like the server does.
  const authority = useQuery('server.authority', { connectionId }).data;
  const grantableByActor = useMemo(() => {
    if (authority === undefined || authority.superuser) return null;
    const actor = toggleBase.roles.find((r) => r.name === authority.currentUser);
    if (actor === undefined) return 0;
    const e = explainCell(toggleBase, actor.oid, rel.oid, contextOf(toggleBase));
    return e === null ? 0 : e.superuser ? null : e.grantable;
  }, [authority, toggleBase, rel.oid]);
  const openView = useOpenView();
  const lines = explanation === null ? [] : explainWords(explanation);
  const notes = explanation === null ? [] : cellNotes(explanation);

  useEffect(() => {
    ref.current?.scrollTo({ top: 0 });
  }, [role.oid, rel.oid]);

  return (
    <section
      ref={ref}
      className="why-panel"
      aria-labelledby={headingId}
    >
      <header className="why-head">
        <h3 id={headingId}>
          Why {role.name} on {rel.label}
        </h3>
        <button type="button" className="button button-ghost" aria-label="Close the explanation" onClick={onClose}>
          ✕
        </button>
      </header>
      <p className="muted">
        {role.login ? 'User' : 'Group'} {role.name} on the {relationKindWords[rel.kind]} {rel.label}.
      </p>
      {openView !== null && (
        <p className="view-links">
          {!role.staged && (
            <button type="button" className="button button-small" onClick={() => openView({ kind: 'role', connectionId, database, role: role.name })}>
              Role view of {role.name}
            </button>
          )}
          <button type="button" className="button button-small" onClick={() => openView({ kind: 'relation', connectionId, database, schema: rel.schema, name: rel.name })}>
            Table view of {rel.label}
          </button>
        </p>
      )}
      {explanation?.superuser === true && (
        <p className="note-warning">
          ⚠ superuser: bypasses every check. {role.name} has every privilege here, with grant option, whatever is
          granted. {lines.length > 0 ? 'These grants change nothing while it is a superuser:' : 'It holds no grants here.'}
        </p>
      )}
      {lines.length === 0 && explanation?.superuser !== true && (
        <p>No privileges: nothing grants {role.name} anything on this {relationKindWords[rel.kind]}.</p>
      )}
      {lines.length > 0 && (
        <ul className="why-list">
          {lines.map((line) => (
            <li key={line.privilege}>
              <strong>{line.privilege}</strong>
              <ul>
                {line.reasons.map((r) => (
                  <li key={r}>
                    {line.privilege} — {r}
                  </li>
                ))}
                {line.grantReasons.length > 0 && <li className="muted">may grant it to others — {line.grantReasons.join('; ')}</li>}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {explanation?.superuser !== true && (
        <WhyNotSection key={`whynot:${role.oid}:${rel.oid}`} connectionId={connectionId} database={database} role={role.name} schema={rel.schema} table={rel.name} />
      )}
      {toggles !== null && <PrivilegeToggles key={`${role.oid}:${rel.oid}`} explanation={toggles} role={role} rel={rel} database={database} actor={authority?.currentUser ?? null} actorGrantable={grantableByActor} />}
      {kindsWithColumns.has(rel.kind) && (
        <ColumnPrivileges
          key={`columns:${role.oid}:${rel.oid}`}
          snapshot={snapshot}
          context={contextOf(snapshot)}
          connectionId={connectionId}
          database={database}
          role={role}
          rel={rel}
        />
      )}
    </section>
  );
}
