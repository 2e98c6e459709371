import { useId } from 'react';
import { spokenNames, spokenOrder } from './cellText';
import type { MatrixFilters as Filters } from './matrixAxes';

/** Props of the filter bar. */
export interface MatrixFiltersProps {
  filters: Filters;
  schemas: readonly string[];
  rolesAsRows: boolean;
  onChange: (next: Filters) => void;
  onSwap: () => void;
  /** e.g. "8 roles × 6 relations". */
  summary: string;
}

/** Schema, role kind, name, privilege and "only with access" filters, and the axis switch. */
export function MatrixFilters({ filters, schemas, rolesAsRows, onChange, onSwap, summary }: MatrixFiltersProps) {
  const id = useId();
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="matrix-filters" role="group" aria-label="Matrix filters">
      <label htmlFor={`${id}-schema`}>Schema</label>
      <select id={`${id}-schema`} value={filters.schema} onChange={(e) => set('schema', e.target.value)}>
        <option value="">All schemas</option>
        {schemas.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-kind`}>Roles</label>
      <select id={`${id}-kind`} value={filters.kind} onChange={(e) => set('kind', e.target.value as Filters['kind'])}>
        <option value="all">Users and groups</option>
        <option value="users">Users</option>
        <option value="groups">Groups</option>
      </select>
      <label htmlFor={`${id}-priv`}>Privilege</label>
      <select id={`${id}-priv`} value={filters.privilege} onChange={(e) => set('privilege', Number(e.target.value))}>
        <option value={0}>Any</option>
        {spokenOrder.map((bit) => (
          <option key={bit} value={bit}>
            {spokenNames(bit)[0]}
          </option>
        ))}
      </select>
      <input
        type="search"
        className="matrix-search"
        aria-label="Filter by role or table name"
        placeholder="Role or table name"
        value={filters.text}
        onChange={(e) => set('text', e.target.value)}
      />
      <label className="check-inline">
        <input type="checkbox" checked={filters.onlyWithAccess} onChange={(e) => set('onlyWithAccess', e.target.checked)} />
        Only roles with access
      </label>
      <label className="check-inline">
        <input type="checkbox" checked={filters.predefined} onChange={(e) => set('predefined', e.target.checked)} />
        pg_* roles
      </label>
      <button type="button" className="button" onClick={onSwap} aria-label="Swap rows and columns">
        {rolesAsRows ? 'Roles ↓ Tables →' : 'Tables ↓ Roles →'}
      </button>
      <span className="muted matrix-summary" role="status">
        {summary}
      </span>
    </div>
  );
}
