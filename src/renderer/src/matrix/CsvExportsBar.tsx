import { CsvOutcomeLine, CsvProgressLine } from './CsvExportLines';
import { useCsvExports, type CsvExport } from './csvExports';

/** Where an export is from, in words: "datatweets" or "datatweets, schema public". */
const whereWords = (e: CsvExport) => `${e.target.database}${e.target.schema === '' ? '' : `, schema ${e.target.schema}`}`;

/**
 * The CSV exports no matrix on screen shows (started on a database the matrix has since
 * left): each one's progress and Cancel while it runs, its outcome and Dismiss once it ended.
 */
export function CsvExportsBar() {
  const { exports, shown, dismiss } = useCsvExports();
  const away = exports.filter((e) => !shown.has(e.key));
  if (away.length === 0) return null;
  return (
    <section className="csv-exports-bar" aria-label="CSV exports">
      {away.map((e) =>
        e.outcome === null ? (
          <CsvProgressLine key={e.key} run={e} prefix={`CSV of ${whereWords(e)}: `} />
        ) : (
          <CsvOutcomeLine key={e.key} outcome={e.outcome} prefix={`CSV of ${whereWords(e)}: `}>
            <button type="button" className="button" onClick={() => dismiss(e.key)}>
              Dismiss
            </button>
          </CsvOutcomeLine>
        ),
      )}
    </section>
  );
}
