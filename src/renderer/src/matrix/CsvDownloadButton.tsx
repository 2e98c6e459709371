import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { matrixCsv, matrixRows } from '../../../shared/privileges/matrixRows';
import { downloadText } from '../layout/download';

/** Offers the matrix as the CLI's CSV (role,schema,table,privileges,via), for the schema shown. */
export function CsvDownloadButton({ snapshot, database, schema }: { snapshot: CatalogSnapshot | undefined; database: string; schema: string }) {
  const onClick = () => {
    if (snapshot === undefined) return;
    const rows = matrixRows(snapshot, schema === '' ? {} : { schema });
    const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');
    downloadText(`${safe(database)}${schema === '' ? '' : `-${safe(schema)}`}-privileges.csv`, matrixCsv(rows), 'text/csv;charset=utf-8');
  };
  return (
    <button type="button" className="button" onClick={onClick} disabled={snapshot === undefined}>
      Download CSV
    </button>
  );
}
