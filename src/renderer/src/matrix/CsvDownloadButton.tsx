import { useEffect, useRef, useState } from 'react';
import { exportDownloadPrefix, type ExportStatus } from '../../../shared/api/contract';
import { errorMessage } from '../api/client';
import { useCache } from '../api/ApiContext';

/** How often the progress is asked for while an export runs. */
const pollMs = 250;

interface RunningExport {
  jobId: string;
  delivery: 'file' | 'download';
  status: ExportStatus | null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The progress line of a running export. */
function progressWords(run: RunningExport): string {
  const s = run.status;
  if (s === null || s.state === 'waiting') return run.delivery === 'download' ? 'Starting the download…' : 'Starting the CSV…';
  if (s.rolesTotal === 0) return 'Reading the catalog for the CSV…';
  return `Writing CSV… ${count(s.rolesDone)} of ${count(s.rolesTotal)} roles, ${count(s.rows)} rows`;
}

/**
 * Offers the matrix as the CLI's CSV (role,schema,table,privileges,via) for the schema shown,
 * as the server has it now (staged changes left out). The backend writes it in a worker
 * thread (export.start): on the desktop into the file chosen first, in browser mode into a
 * streamed download. This page only polls the progress and offers Cancel: no row work here.
 */
export function CsvDownloadButton({ connectionId, database, schema }: { connectionId: string; database: string; schema: string }) {
  const cache = useCache();
  const [starting, setStarting] = useState(false);
  const [run, setRun] = useState<RunningExport | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'error'; text: string } | null>(null);
  const running = useRef<string | null>(null);
  running.current = run?.jobId ?? null;

  // why: an export left running when the matrix closes would write on for nobody.
  useEffect(
    () => () => {
      if (running.current !== null) void cache.api.invoke('export.cancel', { jobId: running.current }).catch(() => undefined);
    },
    [cache],
  );

  const jobId = run?.jobId;
  useEffect(() => {
    if (jobId === undefined) return;
    let busy = false;
    let live = true;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      cache.api
        .invoke('export.status', { jobId })
        .then((status) => {
          if (!live) return;
          if (status.state === 'waiting' || status.state === 'running') {
            setRun((r) => (r === null || r.jobId !== jobId ? r : { ...r, status }));
            return;
          }
          setRun(null);
          if (status.state === 'done') {
            const rows = `${count(status.rows)} rows`;
            setOutcome({ kind: 'done', text: status.path === null ? `CSV downloaded: ${rows}.` : `CSV saved: ${rows} in ${status.path}.` });
          } else if (status.state === 'failed') {
            setOutcome({ kind: 'error', text: `Could not write the CSV: ${status.message ?? 'it stopped.'}` });
          } else {
            // why: stopped from outside this page: the browser's own Cancel, or Warden closing.
            setOutcome({ kind: 'done', text: `CSV cancelled: ${status.message ?? 'it was stopped.'}` });
          }
        })
        .catch((err: unknown) => {
          if (!live) return;
          setRun(null);
          setOutcome({ kind: 'error', text: `Could not follow the CSV: ${errorMessage(err)}` });
        })
        .finally(() => (busy = false));
    }, pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [cache, jobId]);

  const onClick = async () => {
    if (starting || run !== null) return;
    setOutcome(null);
    setStarting(true);
    try {
      const started = await cache.api.invoke('export.start', { connectionId, database, ...(schema === '' ? {} : { schema }) });
      if (started.outcome === 'cancelled') return;
      if (started.delivery === 'download') {
        // why: the browser streams the response into its downloads; nothing is held in this page.
        const link = document.createElement('a');
        link.href = `${exportDownloadPrefix}/${started.jobId}`;
        link.download = started.fileName;
        document.body.append(link);
        link.click();
        link.remove();
      }
      setRun({ jobId: started.jobId, delivery: started.delivery, status: null });
    } catch (err) {
      setOutcome({ kind: 'error', text: `Could not write the CSV: ${errorMessage(err)}` });
    } finally {
      setStarting(false);
    }
  };

  const cancel = () => {
    if (run === null) return;
    setRun(null);
    setOutcome({ kind: 'done', text: run.delivery === 'download' ? 'CSV cancelled: the download was stopped.' : 'CSV cancelled: no file was written.' });
    cache.api.invoke('export.cancel', { jobId: run.jobId }).catch((err: unknown) => setOutcome({ kind: 'error', text: `Could not cancel the CSV: ${errorMessage(err)}` }));
  };

  if (run !== null) {
    return (
      <span className="csv-progress" role="status">
        {progressWords(run)}
        <button type="button" className="button" onClick={cancel}>
          Cancel CSV
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={() => void onClick()} disabled={starting}>
        Download CSV
      </button>
      {outcome !== null && (
        <span role={outcome.kind === 'error' ? 'alert' : 'status'} className={outcome.kind === 'error' ? 'csv-error' : 'csv-done'}>
          {outcome.text}
        </span>
      )}
    </>
  );
}
