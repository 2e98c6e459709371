import type { CatalogSnapshot } from '../catalog/snapshot';
import { buildAccessContext } from './accessColumn';
import { compareText, csvField, matrixColumns, privilegeCell, type MatrixFilter } from './matrixRows';
import { RoleSweep } from './roleSweep';

/** The flat matrix's output formats: CSV, one JSON array, or JSON Lines (one object per line). */
export const matrixFormats = ['csv', 'json', 'jsonl'] as const;
/** One output format. */
export type MatrixFormat = (typeof matrixFormats)[number];

/** How an export reports its progress. */
export interface ExportProgress {
  /** Roles written so far. */
  rolesDone: number;
  /** Roles to write in all. */
  rolesTotal: number;
  /** Rows written so far. */
  rows: number;
}

/** Options of matrixExport. */
export interface ExportOptions {
  /** Characters per chunk, about (default 64 K). */
  chunkChars?: number;
  /** Told after each role. */
  onProgress?: (progress: ExportProgress) => void;
}

/** How one format writes its rows: pre-quoted relation and role parts, and a row from them. */
interface Writer {
  head: string;
  relation: (schema: string, table: string) => string;
  role: (name: string) => string;
  value: (text: string) => string;
  row: (first: boolean, role: string, relation: string, privileges: string, via: string) => string;
  tail: (rows: number) => string;
}

const q = (s: string) => JSON.stringify(s);

/** The three formats, byte for byte what matrixCsv and matrixJson print for the same rows. */
const writers: Record<MatrixFormat, Writer> = {
  csv: {
    head: `${matrixColumns.join(',')}\n`,
    relation: (schema, table) => `${csvField(schema)},${csvField(table)}`,
    role: csvField,
    value: csvField,
    row: (_first, role, rel, privileges, via) => `${role},${rel},${privileges},${via}\n`,
    tail: () => '',
  },
  jsonl: {
    head: '',
    relation: (schema, table) => `"schema":${q(schema)},"table":${q(table)}`,
    role: q,
    value: q,
    row: (_first, role, rel, privileges, via) => `{"role":${role},${rel},"privileges":${privileges},"via":${via}}\n`,
    tail: () => '',
  },
  // why: the same text as JSON.stringify(rows, null, 2), written a row at a time.
  json: {
    head: '[',
    relation: (schema, table) => `    "schema": ${q(schema)},\n    "table": ${q(table)},\n`,
    role: q,
    value: q,
    row: (first, role, rel, privileges, via) => `${first ? '\n' : ',\n'}  {\n    "role": ${role},\n${rel}    "privileges": ${privileges},\n    "via": ${via}\n  }`,
    tail: (rows) => (rows === 0 ? ']\n' : '\n]\n'),
  },
};

/**
 * The flat matrix (one row per role and relation where the role holds a privilege, sorted
 * by role, schema, relation: matrixRows' rows and order) as text chunks, produced one role
 * at a time: memory stays that of one role's cells, whatever the catalog's size. Cells
 * and provenance are computed once per role and access class, never per row.
 */
export function* matrixExport(snapshot: CatalogSnapshot, filter: MatrixFilter, format: MatrixFormat, options: ExportOptions = {}): Generator<string, void, undefined> {
  const chunkChars = options.chunkChars ?? 65_536;
  const w = writers[format];
  const ctx = buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const sweep = new RoleSweep(snapshot, ctx);
  const { classOf, relevant } = sweep.classes;
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const relations = snapshot.relations.flatMap((rel, j) => {
    const schema = schemaName.get(rel.schemaOid) ?? String(rel.schemaOid);
    return filter.schema !== undefined && schema !== filter.schema ? [] : [{ j, schema, table: rel.name }];
  });
  relations.sort((a, b) => compareText(a.schema, b.schema) || compareText(a.table, b.table));
  const order = Uint32Array.from(relations, (r) => r.j);
  const relText = relations.map((r) => w.relation(r.schema, r.table));
  const roleOrder = Array.from(dir.roles, (_, i) => i)
    .filter((i) => filter.role === undefined || dir.roles[i]?.name === filter.role)
    .sort((a, b) => compareText(dir.roles[a]?.name ?? '', dir.roles[b]?.name ?? ''));
  const cellText = new Map<number, string>();
  const cell = (p: number, g: number): string => {
    const key = p * 65_536 + g;
    let text = cellText.get(key);
    if (text === undefined) {
      text = w.value(privilegeCell(p, g));
      cellText.set(key, text);
    }
    return text;
  };
  let out = w.head;
  let rows = 0;
  let rolesDone = 0;
  for (const i of roleOrder) {
    const role = w.role(dir.roles[i]?.name ?? '');
    const superuser = sweep.isSuperuser(i);
    sweep.load(i);
    const viaText = new Map<number, string>();
    for (let k = 0; k < order.length; k++) {
      const j = order[k] ?? 0;
      const c = classOf[j] ?? 0;
      const p = superuser ? (relevant[j] ?? 0) : (sweep.privileges[c] ?? 0);
      if (p === 0) continue;
      const g = superuser ? p : (sweep.grantable[c] ?? 0);
      let via = viaText.get(c);
      if (via === undefined) {
        via = w.value(sweep.via(c));
        viaText.set(c, via);
      }
      out += w.row(rows === 0, role, relText[k] ?? '', cell(p, g), via);
      rows++;
      if (out.length >= chunkChars) {
        yield out;
        out = '';
      }
    }
    rolesDone++;
    options.onProgress?.({ rolesDone, rolesTotal: roleOrder.length, rows });
  }
  out += w.tail(rows);
  if (out !== '') yield out;
}
