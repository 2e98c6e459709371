import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { matrixExport } from '../../../shared/privileges/matrixExport';
import { downloadText } from '../layout/download';

/** Offers the matrix as the CLI's CSV (role,schema,table,privileges,via), for the schema shown. */
export function CsvDownloadButton({ snapshot, database, schema }: { snapshot: CatalogSnapshot | undefined; database: string; schema: string }) {
  const onClick = () => {
    if (snapshot === undefined) return;
    const csv: BlobPart[] = [...matrixExport(snapshot, schema === '' ? {} : { schema }, 'csv')].map((chunk) => chunk.slice().buffer);
    const safe = (s: string) => s.replace(/[^\w.-]+/g, '_');
    downloadText(`${safe(database)}${schema === '' ? '' : `-${safe(schema)}`}-privileges.csv`, csv, 'text/csv;charset=utf-8');
  };
  return (
    <button type="button" className="button" onClick={onClick} disabled={snapshot === undefined}>
      Download CSV
    </button>
  );
}
