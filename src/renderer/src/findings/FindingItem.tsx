import { useId, useState } from 'react';
import type { ListedFinding } from '../../../shared/api/contract';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useStagedChanges } from '../changes/StagedChanges';
import { superuserWarningId, useWarnedSuperusers } from '../roles/SuperuserWarning';

/** Rules whose explanation the server's superuser warning already gives, for the roles it names. */
const toldByTheWarning: ReadonlySet<string> = new Set(['superuser-meaningless-grants', 'extra-superuser']);

/**
 * The finding's explanation, or, when the superuser warning at the top says the same of the
 * same role, a link to it: the window never says one thing twice.
 */
function FindingMessage({ finding, connectionId }: { finding: ListedFinding; connectionId: string }) {
  const warned = useWarnedSuperusers(connectionId);
  const role = finding.objects[0];
  if (!toldByTheWarning.has(finding.rule) || role?.kind !== 'role' || !warned.has(role.name)) return <p className="finding-message">{finding.message}</p>;
  return (
    <p className="finding-message">
      Why this matters is in the{' '}
      <a
        href={`#${superuserWarningId}`}
        onClick={(e) => {
          e.preventDefault();
          const warning = document.getElementById(superuserWarningId);
          warning?.scrollIntoView({ block: 'nearest' });
          warning?.focus();
        }}
      >
        superuser warning at the top
      </a>
      ; the fix is the same.
    </p>
  );
}

const objectWords = (f: ListedFinding): string => {
  const shown = f.objects.slice(0, 6).map((o) => (o.kind === 'role' || o.kind === 'database' || o.kind === 'schema' ? `${o.kind} ${o.name}` : `${o.schema ?? ''}.${o.name}`));
  return f.objects.length > shown.length ? `${shown.join(', ')} and ${f.objects.length - shown.length} more` : shown.join(', ');
};

/** The reason form of an acknowledgement. */
function AcknowledgeForm({ finding, connectionId, onDone }: { finding: ListedFinding; connectionId: string; onDone: () => void }) {
  const cache = useCache();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await cache.api.invoke('findings.acknowledge', { connectionId, key: finding.key, reason });
      cache.invalidate(['findings.list']);
      onDone();
    } catch (err: unknown) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="finding-ack-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={id}>Why is this acceptable?</label>
      <input id={id} className="input" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error !== null} autoFocus />
      <button type="submit" className="button button-primary" disabled={busy}>
        Acknowledge
      </button>
      <button type="button" className="button button-ghost" onClick={onDone}>
        Cancel
      </button>
      {error !== null && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** One finding: severity, plain explanation, objects, the SQL of its fix, and Stage fix / Acknowledge. */
export function FindingItem({ finding, connectionId }: { finding: ListedFinding; connectionId: string }) {
  const staged = useStagedChanges();
  const cache = useCache();
  const [acking, setAcking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stagedJson = new Set(staged.items.map((i) => JSON.stringify(i.change)));
  const isStaged = finding.fix.length > 0 && finding.fix.every((c) => stagedJson.has(JSON.stringify(c)));
  const reopen = async () => {
    setError(null);
    try {
      await cache.api.invoke('findings.unacknowledge', { connectionId, key: finding.key });
      cache.invalidate(['findings.list']);
    } catch (err: unknown) {
      setError(errorMessage(err));
    }
  };
  return (
    <li className={`finding finding-${finding.severity}`} aria-label={`${finding.severity}: ${finding.title}`}>
      <div className="finding-line">
        <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>
        <strong className="finding-title">{finding.title}</strong>
        <code className="finding-rule">{finding.rule}</code>
      </div>
      <FindingMessage finding={finding} connectionId={connectionId} />
      <p className="finding-objects muted">Concerns: {objectWords(finding)}</p>
      {finding.acknowledged !== null ? (
        <p className="finding-ack">
          Acknowledged: “{finding.acknowledged.reason}”{' '}
          <button type="button" className="button button-small" onClick={() => void reopen()} aria-label={`Reopen: ${finding.title}`}>
            Reopen
          </button>
        </p>
      ) : (
        <>
          <p className="finding-fix">Fix: {finding.fixSummary}</p>
          {finding.fixSql !== '' && <pre className="sql finding-sql">{finding.fixSql}</pre>}
          <div className="finding-actions">
            {finding.fix.length > 0 && (
              <button
                type="button"
                className="button"
                disabled={isStaged}
                aria-label={isStaged ? `Fix staged: ${finding.title}` : `Stage the fix: ${finding.title}`}
                onClick={() => staged.add(finding.fix)}
              >
                {isStaged ? 'Fix staged' : 'Stage fix'}
              </button>
            )}
            {!acking && (
              <button type="button" className="button button-ghost" aria-label={`Acknowledge: ${finding.title}`} onClick={() => setAcking(true)}>
                Acknowledge…
              </button>
            )}
          </div>
          {acking && <AcknowledgeForm finding={finding} connectionId={connectionId} onDone={() => setAcking(false)} />}
        </>
      )}
      {error !== null && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}
