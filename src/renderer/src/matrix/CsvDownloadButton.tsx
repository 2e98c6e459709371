import { useEffect, useRef, useState } from 'react';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { ExportProgress } from '../../../shared/privileges/matrixExport';
import { downloadText } from '../layout/download';
import type { CsvExportMessage, CsvExportRequest } from './csvExportProtocol';

/**
 * Offers the matrix as the CLI's CSV (role,schema,table,privileges,via), for the schema
 * shown. A Web Worker writes it chunk by chunk (the page never does the work), the chunks
 * go straight into the file's Blob, progress shows, and Cancel stops the worker.
 */
export function CsvDownloadButton({ snapshot, database, schema }: { snapshot: CatalogSnapshot | undefined; database: string; schema: string }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
  };
  useEffect(() => () => worker.current?.terminate(), []);

  const onClick = () => {
    if (snapshot === undefined || worker.current !== null) return;
    setError(null);
    setProgress({ rolesDone: 0, rolesTotal: snapshot.roles.length, rows: 0 });
    const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');
    const fileName = `${safe(database)}${schema === '' ? '' : `-${safe(schema)}`}-privileges.csv`;
    const parts: BlobPart[] = [];
    const w = new Worker(new URL('./csvExportWorker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<CsvExportMessage>) => {
      const m = event.data;
      if (worker.current !== w) return;
      if (m.type === 'chunk') parts.push(m.bytes);
      else if (m.type === 'progress') setProgress(m.progress);
      else if (m.type === 'done') {
        stop();
        downloadText(fileName, parts, 'text/csv;charset=utf-8');
      } else {
        stop();
        setError(`Could not write the CSV: ${m.message}`);
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      stop();
      setError(`Could not write the CSV: ${event.message || 'the export worker did not start'}`);
    };
    const request: CsvExportRequest = { snapshot, filter: schema === '' ? {} : { schema } };
    w.postMessage(request);
  };

  if (progress !== null) {
    return (
      <span className="csv-progress" role="status">
        Writing CSV… {progress.rolesDone.toLocaleString('en-US')} of {progress.rolesTotal.toLocaleString('en-US')} roles, {progress.rows.toLocaleString('en-US')} rows
        <button type="button" className="button" onClick={stop}>
          Cancel CSV
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={onClick} disabled={snapshot === undefined}>
        Download CSV
      </button>
      {error !== null && (
        <span role="alert" className="csv-error">
          {error}
        </span>
      )}
    </>
  );
}
