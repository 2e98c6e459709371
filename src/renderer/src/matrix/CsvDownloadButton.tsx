import { useEffect } from 'react';
import { CsvOutcomeLine, CsvProgressLine } from './CsvExportLines';
import { exportKey, useCsvExports } from './csvExports';

/**
 * Offers the matrix as the CLI's CSV (role,schema,table,privileges,via) for the schema shown,
 * as the server has it now (staged changes left out). The backend writes it in a worker
 * thread (export.start): on the desktop into the file chosen first, in browser mode into a
 * streamed download. This page only follows the progress and offers Cancel: no row work
 * here. The export is the window's (csvExports.tsx): it goes on when the matrix shows
 * another database, and CsvExportsBar shows it meanwhile.
 */
export function CsvDownloadButton({ connectionId, database, schema }: { connectionId: string; database: string; schema: string }) {
  const { exports, start, show } = useCsvExports();
  const key = exportKey({ connectionId, database, schema });
  useEffect(() => show(key), [show, key]);
  const run = exports.find((e) => e.key === key);

  if (run !== undefined && run.outcome === null) return <CsvProgressLine run={run} />;
  return (
    <>
      <button type="button" className="button" onClick={() => void start({ connectionId, database, schema })}>
        Download CSV
      </button>
      {run?.outcome != null && <CsvOutcomeLine outcome={run.outcome} />}
    </>
  );
}
