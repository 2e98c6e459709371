import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { exportDownloadPrefix, type ExportStatus } from '../../../shared/api/contract';
import { errorMessage } from '../api/client';
import { useCache } from '../api/ApiContext';

// The CSV exports of this window, kept above the matrix: an export goes on when the matrix
// shows another database (it is the server's file or the browser's download, not the
// matrix's), and its progress and outcome are shown wherever they can be (CsvExportsBar).

/** How often the progress of running exports is asked for. */
const pollMs = 250;

/** What one export is of. */
export interface ExportTarget {
  connectionId: string;
  database: string;
  /** One schema, or '' for all. */
  schema: string;
}

/** One export, running or ended. */
export interface CsvExport {
  key: string;
  target: ExportTarget;
  /** Null until export.start answered. */
  jobId: string | null;
  delivery: 'file' | 'download' | null;
  status: ExportStatus | null;
  /** Set once it ended: what to tell the user. */
  outcome: { kind: 'done' | 'error'; text: string } | null;
}

/** The key of an export's target (one export per target at a time). */
export const exportKey = (t: ExportTarget) => JSON.stringify([t.connectionId, t.database, t.schema]);

const count = (n: number) => n.toLocaleString('en-US');

/** The progress line of a running export. */
export function progressWords(e: CsvExport): string {
  const s = e.status;
  if (s === null || s.state === 'waiting') return e.delivery === 'download' ? 'Starting the download…' : 'Starting the CSV…';
  if (s.rolesTotal === 0) return 'Reading the catalog for the CSV…';
  return `Writing CSV… ${count(s.rolesDone)} of ${count(s.rolesTotal)} roles, ${count(s.rows)} rows`;
}

/** What the words of an ended export's status say. */
function endedWords(status: ExportStatus): CsvExport['outcome'] {
  if (status.state === 'done') {
    const rows = `${count(status.rows)} rows`;
    return { kind: 'done', text: status.path === null ? `CSV downloaded: ${rows}.` : `CSV saved: ${rows} in ${status.path}.` };
  }
  if (status.state === 'failed') return { kind: 'error', text: `Could not write the CSV: ${status.message ?? 'it stopped.'}` };
  // why: stopped from outside this page: the browser's own Cancel, or Warden closing.
  return { kind: 'done', text: `CSV cancelled: ${status.message ?? 'it was stopped.'}` };
}

interface CsvExportsValue {
  exports: readonly CsvExport[];
  start: (target: ExportTarget) => Promise<void>;
  cancel: (key: string) => void;
  /** Forgets an ended export's outcome. */
  dismiss: (key: string) => void;
  /** Says a matrix shows `key`'s export (the bar leaves it out); returns the undo. */
  show: (key: string) => () => void;
  shown: ReadonlySet<string>;
}

const CsvExportsContext = createContext<CsvExportsValue | null>(null);

/** The window's CSV exports. */
export function useCsvExports(): CsvExportsValue {
  const value = useContext(CsvExportsContext);
  if (value === null) throw new Error('useCsvExports needs a CsvExportsProvider.');
  return value;
}

/** Holds the window's CSV exports and follows the running ones. */
export function CsvExportsProvider({ children }: { children: ReactNode }) {
  const cache = useCache();
  const [exports, setExports] = useState<CsvExport[]>([]);
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const shownCounts = useRef(new Map<string, number>());
  const update = useCallback((key: string, change: (e: CsvExport) => CsvExport | null) => {
    setExports((all) => all.flatMap((e) => (e.key !== key ? [e] : (change(e) ?? []))));
  }, []);

  const start = useCallback(
    async (target: ExportTarget) => {
      const key = exportKey(target);
      setExports((all) => [...all.filter((e) => e.key !== key), { key, target, jobId: null, delivery: null, status: null, outcome: null }]);
      try {
        const started = await cache.api.invoke('export.start', { connectionId: target.connectionId, database: target.database, ...(target.schema === '' ? {} : { schema: target.schema }) });
        if (started.outcome === 'cancelled') {
          update(key, () => null);
          return;
        }
        if (started.delivery === 'download') {
          // why: the browser streams the response into its downloads; nothing is held in this page.
          const link = document.createElement('a');
          link.href = `${exportDownloadPrefix}/${started.jobId}`;
          link.download = started.fileName;
          document.body.append(link);
          link.click();
          link.remove();
        }
        update(key, (e) => ({ ...e, jobId: started.jobId, delivery: started.delivery }));
      } catch (err) {
        update(key, (e) => ({ ...e, outcome: { kind: 'error', text: `Could not write the CSV: ${errorMessage(err)}` } }));
      }
    },
    [cache, update],
  );

  const cancel = useCallback(
    (key: string) => {
      const e = exports.find((x) => x.key === key);
      if (e === undefined || e.jobId === null || e.outcome !== null) return;
      const jobId = e.jobId;
      update(key, (x) => ({ ...x, outcome: { kind: 'done', text: x.delivery === 'download' ? 'CSV cancelled: the download was stopped.' : 'CSV cancelled: no file was written.' } }));
      cache.api.invoke('export.cancel', { jobId }).catch((err: unknown) => update(key, (x) => ({ ...x, outcome: { kind: 'error', text: `Could not cancel the CSV: ${errorMessage(err)}` } })));
    },
    [cache, exports, update],
  );

  const dismiss = useCallback((key: string) => update(key, (e) => (e.outcome === null ? e : null)), [update]);

  const show = useCallback((key: string) => {
    const counts = shownCounts.current;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    setShown(new Set(counts.keys()));
    return () => {
      const n = (counts.get(key) ?? 1) - 1;
      if (n > 0) counts.set(key, n);
      else counts.delete(key);
      setShown(new Set(counts.keys()));
    };
  }, []);

  // Follows every running export with one poll at a time.
  const running = exports.filter((e) => e.jobId !== null && e.outcome === null).map((e) => [e.key, e.jobId] as const);
  const runningKey = JSON.stringify(running);
  useEffect(() => {
    const jobs = JSON.parse(runningKey) as [string, string][];
    if (jobs.length === 0) return;
    let busy = false;
    let live = true;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void Promise.all(
        jobs.map(([key, jobId]) =>
          cache.api.invoke('export.status', { jobId }).then(
            (status) => {
              if (!live) return;
              const ended = status.state === 'waiting' || status.state === 'running' ? null : endedWords(status);
              update(key, (e) => (e.jobId !== jobId || e.outcome !== null ? e : { ...e, status, outcome: ended }));
            },
            (err: unknown) => {
              if (live) update(key, (e) => (e.jobId !== jobId || e.outcome !== null ? e : { ...e, outcome: { kind: 'error', text: `Could not follow the CSV: ${errorMessage(err)}` } }));
            },
          ),
        ),
      ).finally(() => (busy = false));
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [cache, runningKey, update]);

  const value = useMemo(() => ({ exports, start, cancel, dismiss, show, shown }), [exports, start, cancel, dismiss, show, shown]);
  return <CsvExportsContext.Provider value={value}>{children}</CsvExportsContext.Provider>;
}
