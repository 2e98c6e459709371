import { useState } from 'react';
import type { ConnectionInfo } from '../../../shared/api/contract';
import { severities } from '../../../shared/findings/finding';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { RequestProgress } from '../requests/RequestProgress';
import { FindingItem } from './FindingItem';

/** Findings shown at first; the rest behind "Show all" (a large catalog can have thousands). */
const firstShown = 100;

/**
 * What is wrong with the access setup of one database of the current server: counts by
 * severity, each finding with its fix to stage, acknowledged ones apart. Open when a server
 * is connected (the parent keys it by connection); computed in the backend (findings.list).
 */
export function FindingsPanel({
  connection,
  open,
  onOpen,
  height,
}: {
  connection: ConnectionInfo;
  /** Unfolded (the layout remembers it). */
  open: boolean;
  onOpen: (open: boolean) => void;
  /** Height when unfolded, px (resizable from the separator above it). */
  height: number;
}) {
  const cache = useCache();
  const [database, setDatabase] = useState(connection.database);
  const [all, setAll] = useState(false);
  const input = { connectionId: connection.id, database };
  const query = useQuery('findings.list', input);
  const databases = useQuery('tree.databases', { connectionId: connection.id });
  const data = query.data;
  const openFindings = data?.findings.filter((f) => f.acknowledged === null) ?? [];
  const acknowledged = data?.findings.filter((f) => f.acknowledged !== null) ?? [];
  const counts = severities.map((s) => ({ severity: s, n: openFindings.filter((f) => f.severity === s).length }));
  const choices = (databases.data?.databases ?? []).filter((d) => d.allowConnections && !d.isTemplate).map((d) => d.name);

  return (
    <section id="findings-panel" className={`panel findings-panel${open ? '' : ' is-collapsed'}`} aria-labelledby="findings-heading" style={open ? { height } : undefined}>
      <header className="panel-head">
        <h2 id="findings-heading">Findings</h2>
        <span className="finding-counts" role="status" aria-label="Findings by severity">
          {data === undefined
            ? ''
            : counts.map((c) => (
                <span key={c.severity} className={`badge severity-${c.severity}`}>
                  {c.n} {c.severity}
                </span>
              ))}
        </span>
        {query.fetching && <span className="spinner" aria-hidden="true" />}
        <span className="spacer" />
        <label className="check-inline">
          Database{' '}
          <select aria-label="Findings database" value={database} onChange={(e) => setDatabase(e.target.value)}>
            {(choices.includes(database) ? choices : [database, ...choices]).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => {
            // why: "again" means from the server, not from a catalog read the matrix just made.
            cache.forget(connection.id);
            query.reload();
          }}
          disabled={query.fetching}
        >
          Check again
        </button>
        <button type="button" className="button button-ghost" aria-expanded={open} aria-controls="findings-body" onClick={() => onOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {open && (
        <div id="findings-body" className="findings-body">
          {query.fetching && <RequestProgress method="findings.list" input={input} doing="Checking the access setup" />}
          {query.status === 'error' && (
            <p role="alert" className="banner banner-error">
              {errorMessage(query.error)}
            </p>
          )}
          {data !== undefined && (
            <>
              {data.notChecked.map((n) => (
                <p key={n.rule} className="muted">
                  Not checked ({n.rule}): {n.reason}
                </p>
              ))}
              {openFindings.length === 0 ? (
                <p className="muted">Nothing to report in {data.database}.</p>
              ) : (
                <ul className="findings-list" aria-label="Findings">
                  {(all ? openFindings : openFindings.slice(0, firstShown)).map((f) => (
                    <FindingItem key={f.key} finding={f} connectionId={connection.id} />
                  ))}
                </ul>
              )}
              {!all && openFindings.length > firstShown && (
                <button type="button" className="button" onClick={() => setAll(true)}>
                  Show all {openFindings.length.toLocaleString()} findings
                </button>
              )}
              {acknowledged.length > 0 && (
                <details className="findings-acknowledged">
                  <summary>Acknowledged ({acknowledged.length})</summary>
                  <ul className="findings-list" aria-label="Acknowledged findings">
                    {acknowledged.map((f) => (
                      <FindingItem key={f.key} finding={f} connectionId={connection.id} />
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
