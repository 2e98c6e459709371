import { useState } from 'react';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { downloadText } from '../layout/download';
import { ApplyDialog } from './ApplyDialog';
import { exportScript, exportWords } from './exportScript';
import { useStagedChanges, type StagedChange } from './StagedChanges';
import { usePreview } from './usePreview';
import { useUnstage } from './useUnstage';

/** The staged changes in order, the SQL they make, and Export / Apply. */
export function ChangesPanel({ serverName, onHide }: { serverName: string; onHide: () => void }) {
  const staged = useStagedChanges();
  const cache = useCache();
  const appInfo = useQuery('app.info', {});
  const [exportNote, setExportNote] = useState<{ text: string; failed: boolean } | null>(null);
  const [tick, setTick] = useState(0);
  const preview = usePreview(staged.connectionId, staged.items, tick);
  const { unstage, note: unstagedNote } = useUnstage();
  // why: the dialog keeps what was confirmed; the staged list and preview empty out after an apply.
  const [applying, setApplying] = useState<{ items: readonly StagedChange[]; fingerprint: string; statementCount: number } | null>(null);
  const data = preview.data;
  const hasProblems = (data?.problems.length ?? 0) > 0;
  const ready = data !== null && !preview.loading && !hasProblems && staged.items.length > 0;

  const onExport = async () => {
    if (data === null) return;
    setExportNote(null);
    try {
      const outcome = await exportScript(appInfo.data?.scriptExport, 'warden-changes.sql', data.script, {
        save: (input) => cache.api.invoke('script.save', input),
        download: (fileName, text) => downloadText(fileName, text, 'application/sql'),
      });
      const text = exportWords(outcome);
      setExportNote(text === null ? null : { text, failed: false });
    } catch (err: unknown) {
      setExportNote({ text: errorMessage(err), failed: true });
    }
  };

  return (
    <section id="changes-region" className="panel changes-panel" aria-labelledby="changes-heading">
      <header className="panel-head">
        <h2 id="changes-heading">Staged changes</h2>
        <span className="spacer" />
        <span className={exportNote?.failed === true ? 'error-text export-note' : 'muted export-note'} role="status">
          {exportNote?.text ?? ''}
        </span>
        <button type="button" className="button" disabled={!ready} onClick={() => void onExport()}>
          Export .sql
        </button>
        <button type="button" className="button button-primary" disabled={!ready} onClick={() => data !== null && setApplying({ items: staged.items, fingerprint: data.fingerprint, statementCount: data.statementCount })}>
          Apply…
        </button>
        <button type="button" className="button" disabled={staged.items.length === 0} onClick={staged.clear}>
          Clear all
        </button>
        <button type="button" className="button button-ghost" aria-label="Hide staged changes" onClick={onHide}>
          ✕
        </button>
      </header>
      <div className="changes-body">
        <div className="changes-list-wrap">
          {staged.items.length === 0 ? (
            <p className="muted">Nothing staged. Use “New user”, “New group” or “New database” to stage a change.</p>
          ) : (
            <ol className="changes-list" aria-label="Staged changes">
              {staged.items.map((item, index) => {
                const problems = data?.problems.filter((p) => p.index === index) ?? [];
                const problemId = `${item.id}-problems`;
                return (
                  <li key={item.id} className={problems.length > 0 ? 'change-item has-problem' : 'change-item'} aria-describedby={problems.length > 0 ? problemId : undefined}>
                    <span className="change-label">{item.label}</span>
                    <button type="button" className="button button-ghost" aria-label={`Remove: ${item.label}`} onClick={() => unstage(item.id)}>
                      Remove
                    </button>
                    {problems.length > 0 && (
                      <ul id={problemId} className="change-problems">
                        {problems.map((p, i) => (
                          <li key={`${p.field}-${i}`} className="field-error">
                            {p.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          {unstagedNote !== null && (
            <p className="muted" role="status">
              {unstagedNote}
            </p>
          )}
          {data !== null && data.problems.some((p) => p.index < 0 || p.index >= staged.items.length) && (
            <p role="alert" className="error-text">
              {data.problems.filter((p) => p.index < 0 || p.index >= staged.items.length).map((p) => p.message).join(' ')}
            </p>
          )}
        </div>
        <div className="changes-script">
          <p className="muted" role="status">
            {preview.loading ? 'Checking with the server…' : data !== null ? `${data.statementCount} ${data.statementCount === 1 ? 'statement' : 'statements'}` : ''}
          </p>
          {preview.error !== null && (
            <p role="alert" className="error-text">
              {preview.error}
            </p>
          )}
          <pre aria-label="SQL script" className="sql-script" tabIndex={0}>
            {data?.script ?? ''}
          </pre>
        </div>
      </div>
      {applying !== null && staged.connectionId !== null && (
        <ApplyDialog
          connectionId={staged.connectionId}
          serverName={serverName}
          items={applying.items}
          fingerprint={applying.fingerprint}
          statementCount={applying.statementCount}
          onApplied={staged.remove}
          onDrift={() => setTick((t) => t + 1)}
          onClose={() => setApplying(null)}
        />
      )}
    </section>
  );
}
