import { useState } from 'react';
import { useCache } from '../api/ApiContext';
import { RunOnce } from '../api/runOnce';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { downloadText } from '../layout/download';
import { useShortcuts } from '../layout/useShortcuts';
import { ApplyDialog } from './ApplyDialog';
import { exportFileName, exportScript, exportWords, settledWords } from './exportScript';
import { useStagedChanges, type StagedChange } from './StagedChanges';
import { carriesVerifier, scriptPasswords } from './scriptPasswords';
import { usePreview } from './usePreview';
import { useUnstage } from './useUnstage';

/** Props of the staged-changes panel. */
export interface ChangesPanelProps {
  serverName: string;
  /** The connection's database, for the export's file name. */
  database: string;
  /** Folded to its one-line bar (always when nothing is staged). */
  folded: boolean;
  /** Height when unfolded, px. */
  height: number;
  onFold: (folded: boolean) => void;
}

/** The staged changes in order, the SQL they make, and Export / Apply; folds to a one-line bar. */
export function ChangesPanel({ serverName, database, folded, height, onFold }: ChangesPanelProps) {
  const staged = useStagedChanges();
  const cache = useCache();
  const appInfo = useQuery('app.info', {});
  const [exportNote, setExportNote] = useState<{ text: string; failed: boolean } | null>(null);
  const [tick, setTick] = useState(0);
  const [includeVerifiers, setIncludeVerifiers] = useState(false);
  const hasVerifiers = staged.items.some((i) => carriesVerifier(i.change));
  const passwords = scriptPasswords(staged.items.map((i) => i.change), includeVerifiers);
  const preview = usePreview(staged.connectionId, staged.items, tick, passwords);
  const { unstage, note: unstagedNote } = useUnstage();
  // why: the dialog keeps what was confirmed; the staged list and preview empty out after an apply.
  const [applying, setApplying] = useState<{ items: readonly StagedChange[]; fingerprint: string; statementCount: number } | null>(null);
  const data = preview.data;
  const hasProblems = (data?.problems.length ?? 0) > 0;
  const ready = data !== null && !preview.loading && !hasProblems && staged.items.length > 0;

  // why: after an export the DBA may run the script in psql; reading the server again then
  // unstages what is now true (changes.settled tries each, nothing committed).
  const [exported, setExported] = useState(false);
  const [rereading, setRereading] = useState(false);
  if (exported && staged.items.length === 0) setExported(false);
  const onRanScript = async () => {
    const connectionId = staged.connectionId;
    if (connectionId === null) return;
    const items = staged.items;
    setRereading(true);
    setExportNote(null);
    try {
      const { settled } = await cache.api.invoke('changes.settled', { connectionId, changes: items.map((i) => i.change) });
      cache.refreshServer(connectionId);
      staged.remove(settled.flatMap((i) => (items[i] === undefined ? [] : [items[i].id])));
      setExportNote({ text: settledWords(settled.length, items.length), failed: false });
      if (settled.length === items.length) setExported(false);
    } catch (err: unknown) {
      setExportNote({ text: errorMessage(err), failed: true });
    } finally {
      setRereading(false);
    }
  };

  const openApply = () => {
    if (ready) setApplying({ items: staged.items, fingerprint: data.fingerprint, statementCount: data.statementCount });
  };
  useShortcuts({
    apply: openApply,
    export: () => {
      if (ready) onExport();
    },
  });

  // why: a double click must export once: one export at a time, the same script not again at once.
  const [exportGuard] = useState(() => new RunOnce());
  const [exporting, setExporting] = useState(false);
  const onExport = () => {
    if (data === null) return;
    void exportGuard.run(data.script, async () => {
      setExporting(true);
      await exportNow(data.script);
      setExporting(false);
    });
  };
  const exportNow = async (script: string) => {
    setExportNote(null);
    try {
      const outcome = await exportScript(appInfo.data?.scriptExport, exportFileName(serverName, database, new Date()), script, {
        save: (input) => cache.api.invoke('script.save', input),
        download: (fileName, text) => downloadText(fileName, text, 'application/sql'),
      });
      const text = exportWords(outcome);
      setExportNote(text === null ? null : { text, failed: false });
      if (outcome.kind !== 'cancelled') setExported(true);
    } catch (err: unknown) {
      setExportNote({ text: errorMessage(err), failed: true });
    }
  };

  return (
    <section
      id="changes-region"
      className={folded ? 'panel changes-panel is-folded' : 'panel changes-panel'}
      aria-labelledby="changes-heading"
      style={folded ? undefined : { height }}
    >
      <header className="panel-head">
        <h2 id="changes-heading">Staged changes</h2>
        <span className="muted changes-count">
          {staged.items.length === 0 ? 'Nothing staged' : `${staged.items.length} ${staged.items.length === 1 ? 'change' : 'changes'}`}
        </span>
        <span className="spacer" />
        <span className={exportNote?.failed === true ? 'error-text export-note' : 'muted export-note'} role="status">
          {exportNote?.text ?? ''}
        </span>
        {staged.items.length > 0 && (
          <>
            {exported && (
              <button type="button" className="button" disabled={rereading} onClick={() => void onRanScript()}>
                {rereading ? 'Reading the server…' : 'I ran this script: read the server again'}
              </button>
            )}
            <button type="button" className="button" disabled={!ready || exporting} onClick={onExport} aria-keyshortcuts="Control+Shift+E">
              Export .sql
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!ready}
              aria-keyshortcuts="Control+Enter"
              onClick={openApply}
            >
              Apply…
            </button>
            <button type="button" className="button" onClick={staged.clear}>
              Clear all
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-expanded={!folded}
              aria-controls="changes-body"
              aria-label={folded ? 'Show the staged changes' : 'Fold the staged changes to one line'}
              title={folded ? 'Show the staged changes' : 'Fold the staged changes to one line'}
              onClick={() => onFold(!folded)}
            >
              <span aria-hidden="true">{folded ? '▴' : '▾'}</span>
            </button>
          </>
        )}
      </header>
      {!folded && (
        <div id="changes-body" className="changes-body">
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
            {hasVerifiers && (
              <div className="script-passwords">
                <label className="check-inline">
                  <input type="checkbox" checked={includeVerifiers} onChange={(e) => setIncludeVerifiers(e.target.checked)} />
                  Include password verifiers in the script
                </label>
                {includeVerifiers ? (
                  <p className="note-warning" role="note">
                    Anyone who gets this file can test passwords against its SCRAM verifiers offline, as fast as their hardware
                    allows. Keep it as safe as the server’s own catalog, or leave this off and set each password with psql’s
                    \password after the script.
                  </p>
                ) : (
                  <p className="field-hint">Passwords are left out; the script says how to set each one with psql’s \password.</p>
                )}
              </div>
            )}
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
      )}
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
