import { useId, useState } from 'react';
import type { Output } from '../../../shared/api/contract';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useStagedChanges } from '../changes/StagedChanges';

const askable = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;

/** Target of a why-not question: one role on one relation. */
export interface WhyNotTarget {
  connectionId: string;
  database: string;
  role: string;
  schema: string;
  table: string;
}

/**
 * "Why can't this role …?": every missing layer, and the fixes the server proved in a
 * rolled-back transaction (access.whyNot), each to stage; unproven ones say why.
 */
export function WhyNotSection({ connectionId, database, role, schema, table }: WhyNotTarget) {
  const cache = useCache();
  const staged = useStagedChanges();
  const id = useId();
  const [privilege, setPrivilege] = useState<string>('SELECT');
  const [answer, setAnswer] = useState<Output<'access.whyNot'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setAnswer(await cache.api.invoke('access.whyNot', { connectionId, database, role, schema, table, privilege }));
    } catch (err: unknown) {
      setAnswer(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const stagedJson = new Set(staged.items.map((i) => JSON.stringify(i.change)));
  return (
    // why: a group, not a region: the why panel is the region named "Why …".
    <div role="group" className="why-not" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Why not?</h4>
      <div className="why-not-ask">
        <label htmlFor={id}>Privilege to explain</label>
        <select id={id} value={privilege} onChange={(e) => setPrivilege(e.target.value)}>
          {askable.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <button type="button" className="button" disabled={busy} onClick={() => void ask()}>
          {busy ? 'Checking on the server…' : `Why can't ${role} ${privilege.toLowerCase()}?`}
        </button>
      </div>
      {error !== null && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {answer !== null && (
        <div role="status" aria-label="Why not answer">
          {answer.granted ? (
            <p>
              {answer.role} has {answer.privilege} on {answer.schema}.{answer.table}.
            </p>
          ) : (
            <>
              <ol className="why-not-missing" aria-label="Missing">
                {answer.missing.map((m) => (
                  <li key={`${m.layer}:${m.detail}`}>{m.detail}</li>
                ))}
              </ol>
              <ul className="why-not-fixes" aria-label="Proven fixes">
                {answer.fixes.map((f) => {
                  const done = f.changes.every((c) => stagedJson.has(JSON.stringify(c)));
                  return (
                    <li key={f.label}>
                      <strong>{f.label}</strong> <span className={`badge ${f.proven ? 'severity-low' : 'severity-medium'}`}>{f.proven ? 'proven' : 'not proven'}</span>
                      {f.alsoChanges !== '' && <span className="muted"> {f.alsoChanges}</span>}
                      <pre className="sql finding-sql">{f.sql}</pre>
                      {f.note !== null && <p className="muted">{f.note}</p>}
                      {f.proven && (
                        <button type="button" className="button" disabled={done} aria-label={done ? `Fix staged: ${f.label}` : `Stage the fix: ${f.label}`} onClick={() => staged.add(f.changes)}>
                          {done ? 'Fix staged' : 'Stage fix'}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
              {answer.fixes.length === 0 && <p className="muted">No change set could be proven to grant it.</p>}
            </>
          )}
        </div>
      )}
    </div>
  );
}
