import type { ReactNode } from 'react';
import { progressWords, useCsvExports, type CsvExport } from './csvExports';

// The two lines an export shows, beside the matrix's button and in CsvExportsBar: its
// progress with Cancel while it runs, its outcome once it ended. `prefix` names the export
// where the matrix does not ("CSV of datatweets: ").

/** A running export's progress and its Cancel (disabled until export.start answered). */
export function CsvProgressLine({ run, prefix = '' }: { run: CsvExport; prefix?: string }) {
  const { cancel } = useCsvExports();
  return (
    <span className="csv-progress" role="status">
      {prefix}
      {progressWords(run)}
      <button type="button" className="button" onClick={() => cancel(run.key)} disabled={run.jobId === null}>
        Cancel CSV
      </button>
    </span>
  );
}

/** An ended export's outcome: an alert when it failed, a status otherwise; `children` follow it (a Dismiss). */
export function CsvOutcomeLine({ outcome, prefix = '', children }: { outcome: NonNullable<CsvExport['outcome']>; prefix?: string; children?: ReactNode }) {
  const error = outcome.kind === 'error';
  return (
    <span role={error ? 'alert' : 'status'} className={error ? 'csv-error' : 'csv-done'}>
      {prefix}
      {outcome.text}
      {children}
    </span>
  );
}
