import type pg from 'pg';
import type { CatalogSnapshot } from '../../src/shared/catalog/snapshot';
import { buildAccessContext } from '../../src/shared/privileges/accessColumn';
import { bitForName, columnRights, namesOf } from '../../src/shared/privileges/bits';
import { computeColumnAccess } from '../../src/shared/privileges/columns';
import { cellAt, computeEffective } from '../../src/shared/privileges/effective';
import { explainCell } from '../../src/shared/privileges/explain';
import { computeDatabaseAccess, computeSchemaAccess, type ObjectAccessMatrix } from '../../src/shared/privileges/objectAccess';

// why: docs/privileges.md §1, "the server is the oracle". Each family of cells is fetched with ONE
// query (a cross join of roles × objects × privileges, folded into one bit mask per cell
// and grant-option flag), then compared with the engine's answer for the same snapshot.

/** What one comparison found. */
export interface OracleResult {
  /** Cells compared (role × object × privilege × with/without grant option). */
  checked: number;
  /** One line per mismatching (role, object, grant-option) with the privileges that differ. */
  mismatches: string[];
}

interface MaskRow {
  role: number;
  obj: number;
  sub: number;
  wgo: boolean;
  mask: number;
}

const names = (list: string[]) => [list, list.map(bitForName)];
const wgoSuffix = `|| CASE WHEN g.wgo THEN ' WITH GRANT OPTION' ELSE '' END`;
const wgoJoin = `CROSS JOIN (VALUES (false), (true)) AS g(wgo)`;

function describeDiff(server: number, warden: number): string {
  const parts: string[] = [];
  const missing = server & ~warden;
  const extra = warden & ~server;
  if (missing) parts.push(`server grants ${namesOf(missing).join(', ')} that Warden denies`);
  if (extra) parts.push(`Warden grants ${namesOf(extra).join(', ')} that the server denies`);
  return parts.join('; ');
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/** Compares every relation, column, schema and database cell of `snapshot` with the server. */
export async function compareWithServer(client: pg.ClientBase, snapshot: CatalogSnapshot): Promise<OracleResult> {
  const ctx = buildAccessContext(snapshot);
  const matrix = computeEffective(snapshot, ctx);
  const roleOids = snapshot.roles.map((r) => r.oid);
  const roleName = new Map(snapshot.roles.map((r) => [r.oid, r.name]));
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const relById = new Map(snapshot.relations.map((r) => [r.oid, r]));
  const relLabel = (oid: number) => {
    const r = relById.get(oid);
    return r ? `${JSON.stringify(schemaName.get(r.schemaOid))}.${JSON.stringify(r.name)} (relkind ${r.kind}, relacl ${r.relacl ?? 'NULL'})` : String(oid);
  };
  const mismatches: string[] = [];
  let checked = 0;
  const compare = (rows: MaskRow[], what: (r: MaskRow) => string, warden: (r: MaskRow) => number, tested: (r: MaskRow) => number) => {
    for (const row of rows) {
      const mine = warden(row) & tested(row);
      checked += bitCount(tested(row));
      if (mine !== row.mask) {
        const who = JSON.stringify(roleName.get(row.role) ?? String(row.role));
        mismatches.push(`role ${who} on ${what(row)}${row.wgo ? ' WITH GRANT OPTION' : ''}: ${describeDiff(row.mask, mine)}`);
      }
    }
  };

  const tablePrivs = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', ...(snapshot.serverMajor >= 17 ? ['MAINTAIN'] : [])];
  const relRows = await client.query<MaskRow>(
    `SELECT r.oid AS role, c.oid AS obj, 0 AS sub, g.wgo,
       coalesce(sum(p.bit) FILTER (WHERE CASE WHEN c.relkind = 'S'
         THEN has_sequence_privilege(r.oid, c.oid, p.name ${wgoSuffix})
         ELSE has_table_privilege(r.oid, c.oid, p.name ${wgoSuffix}) END), 0)::int AS mask
     FROM unnest($1::oid[]) AS r(oid) CROSS JOIN pg_class c
       CROSS JOIN unnest($3::text[], $4::int[]) AS p(name, bit) ${wgoJoin}
     WHERE c.oid = ANY($2::oid[])
       AND CASE WHEN c.relkind = 'S' THEN p.name IN ('USAGE', 'SELECT', 'UPDATE') ELSE p.name <> 'USAGE' END
     GROUP BY r.oid, c.oid, g.wgo`,
    [roleOids, snapshot.relations.map((r) => r.oid), ...names([...tablePrivs, 'USAGE'])],
  );
  const cell = (row: MaskRow) => {
    const c = cellAt(matrix, row.role, row.obj);
    return c === null ? -1 : row.wgo ? c.grantable : c.privileges;
  };
  const relevant = (row: MaskRow) => matrix.relevant[matrix.relationIndex.get(row.obj) ?? -1] ?? 0;
  compare(relRows.rows, (r) => relLabel(r.obj), cell, relevant);

  // Columns with their own ACL: has_column_privilege = table-level cell OR column cell.
  const colRows = await client.query<MaskRow>(
    `SELECT r.oid AS role, a.attrelid AS obj, a.attnum::int AS sub, g.wgo,
       coalesce(sum(p.bit) FILTER (WHERE has_column_privilege(r.oid, a.attrelid, a.attnum, p.name ${wgoSuffix})), 0)::int AS mask
     FROM unnest($1::oid[]) AS r(oid) CROSS JOIN pg_attribute a
       CROSS JOIN unnest($3::text[], $4::int[]) AS p(name, bit) ${wgoJoin}
     WHERE a.attrelid = ANY($2::oid[]) AND a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
     GROUP BY r.oid, a.attrelid, a.attnum, g.wgo`,
    [roleOids, snapshot.relations.map((r) => r.oid), ...names(['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'])],
  );
  const columnMatrices = new Map<number, ObjectAccessMatrix>();
  const columnCell = (row: MaskRow) => {
    let m = columnMatrices.get(row.obj);
    if (!m) columnMatrices.set(row.obj, (m = computeColumnAccess(snapshot, row.obj, ctx)));
    const i = m.roleIndex.get(row.role);
    const j = m.objectIndex.get(row.sub);
    const col = i === undefined || j === undefined ? 0 : ((row.wgo ? m.grantable : m.privileges)[j * m.roleOids.length + i] ?? 0);
    return cell(row) | col;
  };
  compare(colRows.rows, (r) => `column ${r.sub} of ${relLabel(r.obj)}`, columnCell, () => columnRights);

  const objectCell = (m: ObjectAccessMatrix) => (row: MaskRow) => {
    const i = m.roleIndex.get(row.role);
    const j = m.objectIndex.get(row.obj);
    return i === undefined || j === undefined ? -1 : ((row.wgo ? m.grantable : m.privileges)[j * m.roleOids.length + i] ?? 0);
  };
  const schemaRows = await client.query<MaskRow>(
    `SELECT r.oid AS role, n.oid AS obj, 0 AS sub, g.wgo,
       coalesce(sum(p.bit) FILTER (WHERE has_schema_privilege(r.oid, n.oid, p.name ${wgoSuffix})), 0)::int AS mask
     FROM unnest($1::oid[]) AS r(oid) CROSS JOIN pg_namespace n
       CROSS JOIN unnest($3::text[], $4::int[]) AS p(name, bit) ${wgoJoin}
     WHERE n.oid = ANY($2::oid[]) GROUP BY r.oid, n.oid, g.wgo`,
    [roleOids, snapshot.schemas.map((s) => s.oid), ...names(['USAGE', 'CREATE'])],
  );
  const schemaBits = bitForName('USAGE') | bitForName('CREATE');
  compare(schemaRows.rows, (r) => `schema ${JSON.stringify(schemaName.get(r.obj))}`, objectCell(computeSchemaAccess(snapshot, ctx)), () => schemaBits);

  const dbRows = await client.query<MaskRow>(
    `SELECT r.oid AS role, d.oid AS obj, 0 AS sub, g.wgo,
       coalesce(sum(p.bit) FILTER (WHERE has_database_privilege(r.oid, d.oid, p.name ${wgoSuffix})), 0)::int AS mask
     FROM unnest($1::oid[]) AS r(oid) CROSS JOIN pg_database d
       CROSS JOIN unnest($2::text[], $3::int[]) AS p(name, bit) ${wgoJoin}
     WHERE d.datname = current_database() GROUP BY r.oid, d.oid, g.wgo`,
    [roleOids, ...names(['CONNECT', 'CREATE', 'TEMPORARY'])],
  );
  const dbBits = bitForName('CONNECT') | bitForName('CREATE') | bitForName('TEMPORARY');
  compare(dbRows.rows, () => `database ${JSON.stringify(snapshot.database.name)}`, objectCell(computeDatabaseAccess(snapshot, ctx)), () => dbBits);

  // The explanation of every cell must add up to the cell itself.
  for (const rel of snapshot.relations) {
    for (const role of snapshot.roles) {
      const e = explainCell(snapshot, role.oid, rel.oid, ctx);
      const c = cellAt(matrix, role.oid, rel.oid);
      if (!e || !c || e.privileges !== c.privileges || e.grantable !== c.grantable) {
        mismatches.push(`explanation of role ${JSON.stringify(role.name)} on ${relLabel(rel.oid)} differs from its cell`);
      }
    }
  }
  return { checked, mismatches };
}
