import { useId } from 'react';
import type { PageCounts } from './viewsProtocol';

/** Rows a dialog lists at most; the filter narrows them, the CSV has them all. */
export const rowCap = 200;

/** The filter of a long list in a view. */
export function FilterField({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <label htmlFor={id} className="view-filter">
      {label}
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
    </label>
  );
}

/** Says when the list shows only the first rows of those that match. */
export function PageNote({ counts, shown }: { counts: PageCounts; shown: number }) {
  if (counts.matching <= shown) return null;
  return (
    <p className="muted" role="status">
      Showing {shown.toLocaleString('en-US')} of {counts.matching.toLocaleString('en-US')}: narrow them with the filter, or Export CSV for all.
    </p>
  );
}
