import { useState } from 'react';
import type { Output } from '../../../shared/api/contract';
import { useCache } from '../api/ApiContext';
import { RunOnce } from '../api/runOnce';
import { errorMessage } from '../api/client';
import { Modal } from '../layout/Modal';
import type { StagedChange } from './StagedChanges';

type ApplyResult = Output<'changes.apply'>;

const statusWords: Record<ApplyResult['results'][number]['status'], string> = {
  done: 'Done',
  'no-op': 'No effect (already so)',
  failed: 'Failed',
  'not-run': 'Not run',
  unknown: 'Unknown (check the server)',
};


/** Confirms an apply, runs it, and shows what happened to each change. */
export function ApplyDialog({
  connectionId,
  serverName,
  items,
  fingerprint,
  statementCount,
  onApplied,
  onDrift,
  onClose,
}: {
  connectionId: string;
  serverName: string;
  items: readonly StagedChange[];
  fingerprint: string;
  statementCount: number;
  onApplied: (ids: string[]) => void;
  onDrift: () => void;
  onClose: () => void;
}) {
  const cache = useCache();
  // why: keep the list as it was confirmed, so results line up even after the staged list is cleared.
  const [applied] = useState(items);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // why: a double click on Apply must send one request; the backend also runs one Apply per server at a time.
  const [guard] = useState(() => new RunOnce());
  const apply = () => guard.run(fingerprint, applyNow);
  const applyNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await cache.api.invoke('changes.apply', { connectionId, changes: applied.map((i) => i.change), fingerprint });
      setResult(answer);
      if (answer.outcome === 'applied') {
        onApplied(applied.map((i) => i.id));
        cache.refreshServer(connectionId);
      } else if (answer.outcome === 'drift') {
        // why: show the server as it is now (matrix, tree, roles) next to the refreshed script.
        cache.refreshServer(connectionId);
        onDrift();
      } else cache.refreshServer(connectionId);
    } catch (err: unknown) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const plural = statementCount === 1 ? 'statement' : 'statements';
  return (
    <Modal title={result === null ? 'Apply changes' : 'Apply results'} onClose={onClose}>
      <div className="form">
        {error !== null && (
          <p role="alert" className="form-alert">
            {error}
          </p>
        )}
        {result === null ? (
          <p>
            Run {statementCount} {plural} ({applied.length} {applied.length === 1 ? 'change' : 'changes'}) on <strong>{serverName}</strong>? Each
            database’s statements run in one transaction, all or nothing; CREATE DATABASE runs on its own, and a role change
            another database must see is committed first, as its own step.
          </p>
        ) : (
          <>
            <p role="status" className={result.outcome === 'applied' ? 'apply-outcome is-ok' : 'apply-outcome is-bad'}>
              {result.message}
            </p>
            {result.outcome === 'drift' && result.changedSincePreview.length > 0 && (
              <>
                <p>Someone changed what these staged changes touch since you reviewed the script; nothing was applied:</p>
                <ul className="apply-results" aria-label="Changed since the preview">
                  {result.changedSincePreview.map((i) => (
                    <li key={i}>{applied[i]?.label ?? `Change ${i + 1}`}</li>
                  ))}
                </ul>
              </>
            )}
            {result.problems.length > 0 && (
              <ul className="apply-results">
                {result.problems.map((p) => (
                  <li key={`${p.index}-${p.field}`}>
                    {applied[p.index]?.label ?? `Change ${p.index + 1}`}: {p.message}
                  </li>
                ))}
              </ul>
            )}
            <ul className="apply-results" aria-label="Results">
              {/* why: after drift the changed ones are listed above; do not list them twice. */}
              {result.results.filter((r) => !result.changedSincePreview.includes(r.index)).map((r) => (
                <li key={r.index} className={`apply-result is-${r.status}`}>
                  <span className="apply-status">{statusWords[r.status]}</span> — {applied[r.index]?.label ?? `Change ${r.index + 1}`}
                  {r.status === 'failed' && r.statement !== undefined && <code className="apply-statement">{r.statement}</code>}
                  {r.message !== undefined && <span className="apply-message">{r.message}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="form-actions">
          <span className="spacer" />
          {result === null ? (
            <>
              <button type="button" className="button button-ghost" onClick={onClose}>
                Cancel
              </button>
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void apply()}>
                {busy ? 'Applying…' : 'Apply'}
              </button>
            </>
          ) : (
            // why: the Apply button that had focus is gone; the results' OK takes it, so Enter closes.
            <button type="button" className="button button-primary" autoFocus onClick={onClose}>
              OK
            </button>
          )}
        </div>
      </div>
    </Modal>
  );
}
