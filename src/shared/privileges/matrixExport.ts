import type { CatalogSnapshot } from '../catalog/snapshot';
import { buildAccessContext } from './accessColumn';
import { compareText, csvField, matrixColumns, privilegeCell, type MatrixFilter } from './matrixRows';
import { Arena, Chunk, copyPiece } from './exportBytes';
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
  /** Bytes per chunk, about (default 256 KiB). */
  chunkBytes?: number;
  /** Told after each role. */
  onProgress?: (progress: ExportProgress) => void;
}

/**
 * How one format writes a row, in three parts: the role's (with what comes before it), the
 * relation's and the cell's (privileges and via, with what ends the row).
 */
interface Writer {
  head: string;
  role: (name: string, first: boolean) => string;
  relation: (schema: string, table: string) => string;
  cell: (privileges: string, via: string) => string;
  tail: (rows: number) => string;
}

const q = (s: string) => JSON.stringify(s);

/** The three formats, byte for byte what matrixCsv and matrixJson print for the same rows. */
const writers: Record<MatrixFormat, Writer> = {
  csv: {
    head: `${matrixColumns.join(',')}\n`,
    role: (name) => `${csvField(name)},`,
    relation: (schema, table) => `${csvField(schema)},${csvField(table)}`,
    cell: (privileges, via) => `,${csvField(privileges)},${csvField(via)}\n`,
    tail: () => '',
  },
  jsonl: {
    head: '',
    role: (name) => `{"role":${q(name)},`,
    relation: (schema, table) => `"schema":${q(schema)},"table":${q(table)}`,
    cell: (privileges, via) => `,"privileges":${q(privileges)},"via":${q(via)}}\n`,
    tail: () => '',
  },
  // why: the same text as JSON.stringify(rows, null, 2), written a row at a time.
  json: {
    head: '[',
    role: (name, first) => `${first ? '\n' : ',\n'}  {\n    "role": ${q(name)},\n`,
    relation: (schema, table) => `    "schema": ${q(schema)},\n    "table": ${q(table)},\n`,
    cell: (privileges, via) => `    "privileges": ${q(privileges)},\n    "via": ${q(via)}\n  }`,
    tail: (rows) => (rows === 0 ? ']\n' : '\n]\n'),
  },
};

const utf8 = new TextEncoder();

/**
 * The flat matrix (one row per role and relation where the role holds a privilege, sorted
 * by role, schema, relation: matrixRows' rows and order) as UTF-8 chunks, produced one role
 * at a time: memory stays that of one role's cells whatever the catalog's size. Cells and
 * provenance are computed once per role and access class, never per row, and rows are
 * copied together from bytes encoded once (per relation, per role, per distinct cell).
 * A chunk is the consumer's until it calls `next(true)`, which hands its buffer back.
 */
export function* matrixExport(snapshot: CatalogSnapshot, filter: MatrixFilter, format: MatrixFormat, options: ExportOptions = {}): Generator<Uint8Array<ArrayBuffer>, void, boolean | undefined> {
  const chunkBytes = options.chunkBytes ?? 262_144;
  const w = writers[format];
  const ctx = buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const sweep = new RoleSweep(snapshot, ctx);
  const { classOf, relevant, firsts } = sweep.classes;
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const relations = snapshot.relations.flatMap((rel, j) => {
    const schema = schemaName.get(rel.schemaOid) ?? String(rel.schemaOid);
    return filter.schema !== undefined && schema !== filter.schema ? [] : [{ j, schema, table: rel.name }];
  });
  relations.sort((a, b) => compareText(a.schema, b.schema) || compareText(a.table, b.table));
  const order = Uint32Array.from(relations, (r) => r.j);
  // why: every piece of a row (relation, role, cell) is encoded once into one arena and rows
  // are copied together from it four bytes at a time (copyPiece): byte by byte, copying
  // 71 MB of rows on a dense catalog was most of the export's time.
  const arena = new Arena();
  const relStart = new Uint32Array(order.length);
  const relLength = new Uint32Array(order.length);
  relations.forEach((r, k) => {
    relStart[k] = arena.size;
    relLength[k] = arena.addText(w.relation(r.schema, r.table));
  });
  // Per class, the output positions of its relations, ascending (compressed sparse rows).
  const classCount = firsts.length;
  const posStart = new Uint32Array(classCount + 1);
  for (const j of order) posStart[(classOf[j] ?? 0) + 1] = (posStart[(classOf[j] ?? 0) + 1] ?? 0) + 1;
  for (let c = 0; c < classCount; c++) posStart[c + 1] = (posStart[c + 1] ?? 0) + (posStart[c] ?? 0);
  const posFill = posStart.slice();
  const positions = new Uint32Array(order.length);
  order.forEach((j, k) => {
    const c = classOf[j] ?? 0;
    positions[posFill[c] ?? 0] = k;
    posFill[c] = (posFill[c] ?? 0) + 1;
  });
  const roleOrder = sweep.rolesByName().filter((i) => filter.role === undefined || dir.roles[i]?.name === filter.role);
  // why: each distinct cell is one piece in the arena: pieceStart and pieceLength by piece id.
  const pieceStart: number[] = [];
  const pieceLength: number[] = [];
  const cells = new CellCache(classCount, (privileges, via) => {
    pieceStart.push(arena.size);
    pieceLength.push(arena.addText(w.cell(privileges, sweep.viaText(via))));
    return pieceStart.length - 1;
  });
  const rowCell = new Uint32Array(order.length);
  // why: a role has at most one row per relation.
  const picked = new Uint32Array(order.length);
  const marks = new Int32Array(Math.ceil(order.length / 32));
  const chunk = new Chunk(chunkBytes);
  const pieces: RowPieces = { relStart, relLength, pieceStart, pieceLength };
  chunk.put(utf8.encode(w.head));
  let rows = 0;
  let rolesDone = 0;
  for (const i of roleOrder) {
    const name = dir.roles[i]?.name ?? '';
    const firstStart = arena.size;
    const firstLength = arena.addText(w.role(name, true));
    const nextStart = arena.size;
    const nextLength = arena.addText(w.role(name, false));
    sweep.load(i);
    // The role's rows: positions of the relations where it holds something, in output order.
    let n = 0;
    if (sweep.isSuperuser(i)) {
      for (let k = 0; k < order.length; k++) {
        const j = order[k] ?? 0;
        const p = relevant[j] ?? 0;
        if (p === 0) continue;
        rowCell[k] = cells.lookup(p, p, sweep.via(classOf[j] ?? 0));
        picked[n++] = k;
      }
    } else {
      n = pickRows(sweep, classCount, posStart, positions, marks, picked, rowCell, cells);
    }
    for (let t = 0; t < n; ) {
      // why: JSON's first row has no comma before it: the export's very first row alone.
      const next =
        rows === 0
          ? writeRows(chunk, chunkBytes, t, t + 1, picked, rowCell, pieces, firstStart, firstLength, arena.view)
          : writeRows(chunk, chunkBytes, t, n, picked, rowCell, pieces, nextStart, nextLength, arena.view);
      rows += next - t;
      t = next;
      if (chunk.pos >= chunkBytes) {
        // why: a fresh buffer per chunk unless the consumer says (next(true)) that it is done
        // with the last one: then memory stays one chunk however large the output.
        const free = yield chunk.bytes.subarray(0, chunk.pos);
        if (free !== true) chunk.renew();
        chunk.pos = 0;
      }
    }
    rolesDone++;
    options.onProgress?.({ rolesDone, rolesTotal: roleOrder.length, rows });
  }
  chunk.put(utf8.encode(w.tail(rows)));
  if (chunk.pos > 0) yield chunk.bytes.subarray(0, chunk.pos);
}

/**
 * A (non-superuser) role's rows after `sweep.load`: the output positions of the relations
 * where it holds something, ascending, into `picked`, each one's cell piece into `rowCell`;
 * returns how many. Positions are marked in the bit set `marks` (all zero before and after)
 * and read back in order: sorting them was a tenth of a dense export. why: a loop over every
 * class for every role, kept out of the generator for the same reason as writeRows.
 */
function pickRows(
  sweep: RoleSweep,
  classCount: number,
  posStart: Uint32Array,
  positions: Uint32Array,
  marks: Int32Array,
  picked: Uint32Array,
  rowCell: Uint32Array,
  cells: CellCache,
): number {
  for (let c = 0; c < classCount; c++) {
    const p = sweep.privileges[c] ?? 0;
    const from = posStart[c] ?? 0;
    const to = posStart[c + 1] ?? 0;
    if (p === 0 || from === to) continue;
    const cell = cells.piece(c, p, sweep.grantable[c] ?? 0, sweep.via(c));
    for (let t = from; t < to; t++) {
      const k = positions[t] ?? 0;
      rowCell[k] = cell;
      marks[k >>> 5] = (marks[k >>> 5] ?? 0) | (1 << (k & 31));
    }
  }
  let n = 0;
  for (let w = 0; w < marks.length; w++) {
    let word = marks[w] ?? 0;
    if (word === 0) continue;
    marks[w] = 0;
    while (word !== 0) {
      const low = word & -word;
      picked[n++] = (w << 5) + 31 - Math.clz32(low);
      word ^= low;
    }
  }
  return n;
}

/**
 * The arena piece of each distinct cell (privileges, grant options, via), made once. why: a
 * class's cell is often the same for role after role (PUBLIC's, a group's): each class
 * remembers its last cell and piece, so most lookups are three comparisons, not a Map's.
 */
class CellCache {
  private readonly ids = new Map<number, number>();
  private readonly texts: string[] = [];
  private readonly byVia: number[][] = [];
  private readonly lastP: Int32Array;
  private readonly lastG: Int32Array;
  private readonly lastVia: Int32Array;
  private readonly lastPiece: Int32Array;

  constructor(
    classCount: number,
    private readonly make: (privileges: string, via: number) => number,
  ) {
    this.lastP = new Int32Array(classCount).fill(-1);
    this.lastG = new Int32Array(classCount);
    this.lastVia = new Int32Array(classCount);
    this.lastPiece = new Int32Array(classCount);
  }

  /** The piece of cell (p, g, via), seen on class `c`. */
  piece(c: number, p: number, g: number, via: number): number {
    if (this.lastP[c] === p && this.lastG[c] === g && this.lastVia[c] === via) return this.lastPiece[c] ?? 0;
    const piece = this.lookup(p, g, via);
    this.lastP[c] = p;
    this.lastG[c] = g;
    this.lastVia[c] = via;
    this.lastPiece[c] = piece;
    return piece;
  }

  /** The piece of cell (p, g, via), made the first time it is asked for. */
  lookup(p: number, g: number, via: number): number {
    let id = this.ids.get(p * 65_536 + g);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(privilegeCell(p, g));
      this.byVia.push([]);
      this.ids.set(p * 65_536 + g, id);
    }
    const byVia = this.byVia[id] ?? [];
    let piece = byVia[via];
    if (piece === undefined) {
      piece = this.make(this.texts[id] ?? '', via);
      byVia[via] = piece;
    }
    return piece;
  }
}

/** Where each row's pieces are in the arena: per output position its relation's, per cell piece id its own. */
interface RowPieces {
  relStart: Uint32Array;
  relLength: Uint32Array;
  pieceStart: number[];
  pieceLength: number[];
}

/**
 * Writes one role's rows `picked[from..to)` (output positions; `rowCell` holds each one's
 * cell piece) into `chunk`, stopping once it holds `limit` bytes; returns the next row to
 * write. why: the hot loop, kept out of the generator: the JIT optimized the generator early
 * and threw it away again each time one of its rarer paths first ran, so a cold export (every
 * CLI run) took twice as long as a warm one.
 */
function writeRows(chunk: Chunk, limit: number, from: number, to: number, picked: Uint32Array, rowCell: Uint32Array, p: RowPieces, roleStart: number, roleLength: number, arena: DataView): number {
  for (let t = from; t < to; t++) {
    const k = picked[t] ?? 0;
    const rel = p.relStart[k] ?? 0;
    const relBytes = p.relLength[k] ?? 0;
    const cell = rowCell[k] ?? 0;
    const cellBytes = p.pieceLength[cell] ?? 0;
    const length = roleLength + relBytes + cellBytes;
    chunk.reserve(length);
    const out = chunk.view;
    let pos = copyPiece(out, chunk.pos, arena, roleStart, roleLength);
    pos = copyPiece(out, pos, arena, rel, relBytes);
    chunk.pos = copyPiece(out, pos, arena, p.pieceStart[cell] ?? 0, cellBytes);
    if (chunk.pos >= limit) return t + 1;
  }
  return to;
}

/** The whole export as one string (small catalogs, tests). */
export function matrixExportText(snapshot: CatalogSnapshot, filter: MatrixFilter, format: MatrixFormat): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const chunk of matrixExport(snapshot, filter, format)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
