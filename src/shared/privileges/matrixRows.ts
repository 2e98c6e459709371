import type { CatalogSnapshot } from '../catalog/snapshot';
import { buildAccessContext } from './accessColumn';
import { privilegeCount, privilegeLetters } from './bits';
import { computeEffective } from './effective';
import { holdersOf } from './matrixCells';
import type { CellExplanation } from './explain';
import { explainCell } from './explain';

/** One line of the flat matrix (CLI `matrix`): a role's privileges on one relation. */
export interface MatrixRow {
  role: string;
  schema: string;
  table: string;
  /** aclitem letters in aclitem order, each followed by `*` when grantable (e.g. `a*r*w`). */
  privileges: string;
  /** Where the privileges come from, `;`-separated (superuser, owner, direct, a group, PUBLIC, pg_read_all_data). */
  via: string;
}

/** Column order of the CSV output. */
export const matrixColumns = ['role', 'schema', 'table', 'privileges', 'via'] as const;

/** Which rows to keep: exact (case-sensitive) names, as PostgreSQL stores them. */
export interface MatrixFilter {
  schema?: string | undefined;
  role?: string | undefined;
}

/** The privileges held, as aclitem letters, `*` after each one also held with grant option. */
export function privilegeCell(privileges: number, grantable: number): string {
  let s = '';
  for (let i = 0; i < privilegeCount; i++) {
    const bit = 1 << i;
    if (!(privileges & bit)) continue;
    s += (privilegeLetters[i] ?? '') + (grantable & bit ? '*' : '');
  }
  return s;
}

/**
 * A short provenance summary of one cell. A superuser's cell says `superuser` only (its
 * grants mean nothing); otherwise: `owner` (own ACL entry or implicit grant options),
 * `direct`, the group a grant reaches it through, `PUBLIC`, a predefined role.
 */
export function viaSummary(e: CellExplanation): string {
  if (e.superuser) return 'superuser';
  const ranked: [number, string][] = [];
  for (const r of e.reasons) {
    if (r.source !== 'owner' && (r.privileges & e.privileges) === 0) continue;
    const through = r.pathNames[r.pathNames.length - 1] ?? '';
    switch (r.source) {
      case 'owner':
        ranked.push(r.path.length <= 1 ? [0, 'owner'] : [2, through]);
        break;
      case 'direct':
        ranked.push(r.granteeIsOwner ? [0, 'owner'] : [1, 'direct']);
        break;
      case 'group':
        ranked.push([2, through]);
        break;
      case 'public':
        ranked.push([3, 'PUBLIC']);
        break;
      case 'predefined':
        ranked.push([4, r.predefinedRole ?? through]);
        break;
      case 'superuser':
        break;
    }
  }
  ranked.sort((a, b) => a[0] - b[0] || compareText(a[1], b[1]));
  return [...new Set(ranked.map(([, name]) => name))].join(';');
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One row per role and relation where the role holds at least one privilege, sorted by
 * role, schema, relation. Sequences use their own letters (U r w).
 */
export function matrixRows(snapshot: CatalogSnapshot, filter: MatrixFilter = {}): MatrixRow[] {
  const ctx = buildAccessContext(snapshot);
  const m = computeEffective(snapshot, ctx);
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const holders = holdersOf(m);
  const rows: MatrixRow[] = [];
  snapshot.relations.forEach((rel, j) => {
    const schema = schemaName.get(rel.schemaOid) ?? String(rel.schemaOid);
    if (filter.schema !== undefined && schema !== filter.schema) return;
    holders(j, (i, privileges, grantable) => {
      const role = ctx.closure.directory.roles[i];
      if (!role || (filter.role !== undefined && role.name !== filter.role)) return;
      const e = explainCell(snapshot, role.oid, rel.oid, ctx);
      rows.push({ role: role.name, schema, table: rel.name, privileges: privilegeCell(privileges, grantable), via: e ? viaSummary(e) : '' });
    });
  });
  return rows.sort((a, b) => compareText(a.role, b.role) || compareText(a.schema, b.schema) || compareText(a.table, b.table));
}

/**
 * A value a spreadsheet will show as text: one that starts with `=`, `+`, `-`, `@`, tab or
 * CR gets a leading `'`. why: Excel, LibreOffice and Sheets run such a cell as a formula
 * (`=HYPERLINK(…)`, `=cmd|…`), and a table or role name can be anything ("CSV injection").
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV field: made spreadsheetSafe, then quoted per RFC 4180 (with `"` doubled) when it
 * holds a comma, quote, CR or LF.
 */
export function csvField(raw: string): string {
  const value = spreadsheetSafe(raw);
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rows as CSV with a header line; lines end with LF. */
export function matrixCsv(rows: readonly MatrixRow[]): string {
  const lines = [matrixColumns.join(',')];
  for (const row of rows) lines.push(matrixColumns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** The rows as a JSON array of objects with the CSV's columns. */
export function matrixJson(rows: readonly MatrixRow[]): string {
  return `${JSON.stringify(rows.map((r) => ({ role: r.role, schema: r.schema, table: r.table, privileges: r.privileges, via: r.via })), null, 2)}\n`;
}

/** Reads CSV written by matrixCsv (RFC 4180 quoting); for tests and round trips. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
