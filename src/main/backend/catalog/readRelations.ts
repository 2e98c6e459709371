import pg from 'pg';
import { relationFromPacked, type SnapshotRelation } from '../../../shared/catalog/snapshot';

// why: on a large catalog (20,000 relations) this is the loader's biggest query. Rows are
// taken one by one as they arrive (text fields, without pg's per-row array and type
// parsers) and turned into checked objects at once, so pg keeps no second copy of them
// (fewer objects surviving the young generation: less GC time), and
// there is no ORDER BY: the server's sort on `name` costs more than ordering here
// (docs/performance.md has the figures).

/** The schemas Warden reads: everything but pg_* and information_schema (`n` is pg_namespace). */
export const userSchemaFilter = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;

/**
 * Relations of the kinds Warden shows, in user schemas, as rows `[packed, relacl]` where
 * packed is `oid,schemaOid,owner,kind,name` (relationFromPacked). why: two fields instead of
 * six: the client makes a third of the strings per row, and reading rows, not the server,
 * is what a large catalog's load waits for.
 */
const relationsQuery = `SELECT concat_ws(',', c.oid, c.relnamespace, c.relowner, c.relkind, c.relname), c.relacl::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r','v','m','S','f','p') AND ${userSchemaFilter}`;

/**
 * A query that hands each row's text fields to `onRow` as they arrive. why: pg's
 * Submittable protocol (the one pg-cursor uses) calls handleDataRow once per DataRow;
 * taking the fields here skips pg's per-row array, type parsers and 'row' event.
 */
class RawRowQuery extends pg.Query {
  constructor(
    text: string,
    private readonly onRow: (fields: readonly (string | null)[]) => void,
  ) {
    super(text);
  }

  /** Called by pg's client for every DataRow message of this query. */
  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.onRow(msg.fields);
  }
}

/** How often (in relations) a stream reports its progress. */
const progressEvery = 2000;

/**
 * Which of pg_class's pages a read covers: all, or those before or from page `page`. why: two
 * connections can each read half of pg_class (a TID range scan, PostgreSQL 14 and later) so
 * the server prints the two halves' ACLs on two cores at once; the halves never overlap and
 * together hold every row, wherever the split falls.
 */
export type PageRange = { before: number } | { from: number } | 'all';

/**
 * Where two connections split pg_class's `pages`: the second reads from the returned page
 * on, the first before it. why: the first also reads everything else, so it gets a little less.
 */
export function splitPage(pages: number): number {
  return Math.floor(pages * 0.45);
}

/** The relations query limited to `range`. */
function relationsQueryFor(range: PageRange): string {
  if (range === 'all') return relationsQuery;
  const [op, page] = 'before' in range ? ['<', range.before] : ['>=', range.from];
  if (!Number.isSafeInteger(page) || page < 0) throw new Error(`Not a page number: ${page}`);
  return `${relationsQuery} AND c.ctid ${op} '(${page},0)'::tid`;
}

/**
 * One string object per distinct ACL text, for one catalog read. why: relations share ACLs
 * (6,650 distinct among 20,000 on a dense catalog); keeping the first copy lets the others
 * die young (less GC), and every later Map keyed by relacl (access classes, parsed ACLs)
 * then finds its key by identity instead of comparing hundreds of characters.
 */
export type AclTexts = Map<string, string>;

/** `text` as the one copy `acls` keeps. */
function internAcl(acls: AclTexts, text: string | null | undefined): string | null | undefined {
  if (typeof text !== 'string') return text;
  const known = acls.get(text);
  if (known !== undefined) return known;
  acls.set(text, text);
  return text;
}

/** Reads every relation of the user schemas (of `range`), checked, in the order the server sends them. */
export function streamRelations(client: pg.ClientBase, onProgress?: (read: number) => void, range: PageRange = 'all', acls: AclTexts = new Map()): Promise<SnapshotRelation[]> {
  const relations: SnapshotRelation[] = [];
  return new Promise((resolve, reject) => {
    let failed: Error | null = null;
    const query = new RawRowQuery(relationsQueryFor(range), (fields) => {
      if (failed !== null) return;
      try {
        relations.push(relationFromPacked(fields[0], internAcl(acls, fields[1]), relations.length));
        if (onProgress !== undefined && relations.length % progressEvery === 0) onProgress(progressEvery);
      } catch (err: unknown) {
        failed = err instanceof Error ? err : new Error(String(err));
      }
    });
    query.on('error', reject);
    query.on('end', () => (failed !== null ? reject(failed) : resolve(relations)));
    client.query(query);
  });
}

/**
 * The relations in `ORDER BY nspname, relname` order, given the user schemas sorted by
 * nspname: bucketed by schema, then sorted by name.
 */
export function orderRelations(relations: readonly SnapshotRelation[], schemas: readonly { oid: number }[]): SnapshotRelation[] {
  const rank = new Map<number, number>();
  schemas.forEach((s, i) => rank.set(s.oid, i + 1));
  // why: bucket 0 holds relations of a schema not in the list (cannot happen within one
  // snapshot); they sort first, as they would with rank -1.
  const buckets: SnapshotRelation[][] = [[], ...schemas.map(() => [])];
  for (const rel of relations) buckets[rank.get(rel.schemaOid) ?? 0]?.push(rel);
  // why: copied by hand; flatMap took 2 ms of ordering 20,000 relations.
  const out = new Array<SnapshotRelation>(relations.length);
  let k = 0;
  for (const bucket of buckets) for (const rel of sortByName(bucket)) out[k++] = rel;
  out.length = k;
  return out;
}

/** Whether a name holds a code unit from U+D800 up, where JS's `<` and C-collation order differ (see compareNames). */
function beyondSurrogates(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0xd800) return true;
  return false;
}

const byName = (a: SnapshotRelation, b: SnapshotRelation) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byCodePoints = (a: SnapshotRelation, b: SnapshotRelation) => compareNames(a.name, b.name);

/** One schema's relations sorted by name in C-collation order. */
function sortByName(rels: SnapshotRelation[]): SnapshotRelation[] {
  // why: `<` on JS strings compares UTF-16 code units, which is C-collation order unless
  // a name holds code units from U+D800 up; only then pay for compareNames. A loop over
  // the code units, not a regular expression: a third of ordering 20,000 relations.
  return rels.sort(rels.some((r) => beyondSurrogates(r.name)) ? byCodePoints : byName);
}

/**
 * Compares two names as PostgreSQL's `name` type does (C collation: UTF-8 byte order),
 * which is code point order: UTF-16 code units, except that surrogates sort above U+E000..U+FFFF.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
