import type pg from 'pg';
import { parseCatalogSnapshot, type CatalogSnapshot, type SnapshotRelation } from '../../../shared/catalog/snapshot';

// why: one REPEATABLE READ snapshot so every query sees the same catalog; a handful of
// queries whatever the size (never one per table or role); catalogs, never
// information_schema, which hides PUBLIC, inherited and some relation kinds.

const userSchemaFilter = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;

/** Reads the CatalogSnapshot of the database `client` is connected to. */
export async function loadCatalog(client: pg.ClientBase): Promise<CatalogSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const snapshot = await readAll(client);
    await client.query('COMMIT');
    return snapshot;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function readAll(c: pg.ClientBase): Promise<CatalogSnapshot> {
  const version = await c.query<{ num: string; authid: boolean }>(
    `SELECT current_setting('server_version_num') AS num, has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS authid`,
  );
  const serverMajor = Math.floor(Number(version.rows[0]?.num) / 10000);
  const canReadAuthid = version.rows[0]?.authid === true;

  const database = await c.query<{ oid: number; name: string; owner: number; datacl: string | null }>(
    `SELECT oid, datname AS name, datdba AS owner, datacl::text AS datacl FROM pg_database WHERE datname = current_database()`,
  );
  const roles = await c.query<{
    oid: number; name: string; superuser: boolean; inherit: boolean; canLogin: boolean; createRole: boolean; createDb: boolean;
    replication: boolean; bypassRls: boolean; connectionLimit: number; validUntil: string | null;
  }>(
    `SELECT oid, rolname AS name, rolsuper AS superuser, rolinherit AS inherit, rolcanlogin AS "canLogin",
            rolcreaterole AS "createRole", rolcreatedb AS "createDb", rolreplication AS replication,
            rolbypassrls AS "bypassRls", rolconnlimit AS "connectionLimit", rolvaliduntil::text AS "validUntil"
     FROM pg_roles ORDER BY rolname`,
  );
  // why: pg_roles masks passwords; only pg_authid (superusers) tells whether one is set.
  const passwords = canReadAuthid
    ? new Map((await c.query<{ oid: number; has: boolean }>('SELECT oid, rolpassword IS NOT NULL AS has FROM pg_authid')).rows.map((r) => [r.oid, r.has]))
    : null;
  // why: from 16 each membership row has its own INHERIT and SET options (and grantor).
  const memberships = await c.query<{ roleid: number; member: number; grantor: number; adminOption: boolean; inheritOption: boolean | null; setOption: boolean | null }>(
    serverMajor >= 16
      ? `SELECT roleid, member, grantor, admin_option AS "adminOption", inherit_option AS "inheritOption", set_option AS "setOption" FROM pg_auth_members`
      : `SELECT roleid, member, grantor, admin_option AS "adminOption", NULL::bool AS "inheritOption", NULL::bool AS "setOption" FROM pg_auth_members`,
  );
  const schemas = await c.query<{ oid: number; name: string; owner: number; nspacl: string | null }>(
    `SELECT n.oid, n.nspname AS name, n.nspowner AS owner, n.nspacl::text AS nspacl FROM pg_namespace n WHERE ${userSchemaFilter} ORDER BY n.nspname`,
  );
  // why: rows as arrays (no per-row object built by pg) and no ORDER BY: the server's
  // sort on name is slower than ordering in the client (see docs/performance.md).
  const relationRows = await c.query<[number, number, string, string, number, string | null]>({
    text: `SELECT c.oid, c.relnamespace, c.relname, c.relkind::text, c.relowner, c.relacl::text
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r','v','m','S','f','p') AND ${userSchemaFilter}`,
    rowMode: 'array',
  });
  const relations = sortRelations(relationRows.rows, schemas.rows);
  // why: only columns with their own ACL matter for access; the rest load on demand.
  const columns = await c.query<{ relationOid: number; attnum: number; name: string; attacl: string | null }>(
    `SELECT a.attrelid AS "relationOid", a.attnum, a.attname AS name, a.attacl::text AS attacl
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchemaFilter}`,
  );
  const defaultAcls = await c.query<{ role: number; schemaOid: number | null; objtype: string; defaclacl: string }>(
    `SELECT defaclrole AS role, NULLIF(defaclnamespace, 0) AS "schemaOid", defaclobjtype::text AS objtype, defaclacl::text AS defaclacl FROM pg_default_acl`,
  );

  return parseCatalogSnapshot({
    serverMajor,
    database: database.rows[0],
    roles: roles.rows.map((r) => ({ ...r, hasPassword: passwords ? (passwords.get(r.oid) ?? false) : null })),
    memberships: memberships.rows,
    schemas: schemas.rows,
    relations,
    columns: columns.rows,
    defaultAcls: defaultAcls.rows,
  });
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

/** Relations as objects in `ORDER BY nspname, relname` order (`schemas` come sorted by nspname). */
function sortRelations(
  rows: readonly [number, number, string, string, number, string | null][],
  schemas: readonly { oid: number }[],
): SnapshotRelation[] {
  const rank = new Map<number, number>();
  schemas.forEach((s, i) => rank.set(s.oid, i));
  const sorted = rows.slice().sort((a, b) => (rank.get(a[1]) ?? -1) - (rank.get(b[1]) ?? -1) || compareNames(a[2], b[2]));
  return sorted.map(([oid, schemaOid, name, kind, owner, relacl]) => ({ oid, schemaOid, name, kind: kind as SnapshotRelation['kind'], owner, relacl }));
}
