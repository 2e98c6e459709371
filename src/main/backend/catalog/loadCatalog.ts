import type pg from 'pg';
import { parseCatalogColumns, parseCatalogSnapshotParts, type CatalogSnapshot, type SnapshotColumn, type SnapshotRelation } from '../../../shared/catalog/snapshot';
import { quoteLiteral } from '../../../shared/sql/quote';
import { UserError } from '../../../shared/api/errors';
import { versionProblem } from '../../../shared/api/serverVersions';
import { orderRelations, splitPage, streamRelations, userSchemaFilter, type PageRange } from './readRelations';

// why: one REPEATABLE READ snapshot so every query sees the same catalog; a handful of
// queries whatever the size (never one per table or role); catalogs, never
// information_schema, which hides PUBLIC, inherited and some relation kinds.

/** What to read besides what the relation matrix needs, and how. */
export interface LoadOptions {
  /**
   * Also read every column that has its own ACL. The matrix does not need them
   * (has_table_privilege ignores column grants) and on large catalogs they cost a scan of
   * pg_attribute, so the app loads them per relation (loadRelationColumns).
   */
  columns?: boolean;
  /**
   * A second connection to the same database: the relations (by far the largest read)
   * stream in through it while the first reads everything else, both in one snapshot.
   */
  relationsClient?: pg.ClientBase;
  /** Told how many relations have been read so far, every few thousand, while they stream in. */
  onRelations?: (read: number) => void;
}

/** The halves' running total for `onRelations` (each stream reports what it adds). */
function totalOf(onRelations?: (read: number) => void): ((more: number) => void) | undefined {
  if (onRelations === undefined) return undefined;
  let read = 0;
  return (more) => {
    read += more;
    onRelations(read);
  };
}

/** Reads the CatalogSnapshot of the database `client` is connected to. */
export async function loadCatalog(client: pg.ClientBase, options: LoadOptions = {}): Promise<CatalogSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let relations: Promise<SnapshotRelation[]> | null = null;
  const onRelations = totalOf(options.onRelations);
  try {
    let ownPart: PageRange = 'all';
    if (options.relationsClient) {
      const shared = await client.query<{ id: string; pages: string }>(
        `SELECT pg_export_snapshot() AS id, pg_relation_size('pg_catalog.pg_class') / current_setting('block_size')::int AS pages`,
      );
      const { id = '', pages = '0' } = shared.rows[0] ?? {};
      // why: the second connection reads the later pages while this one reads everything
      // else and then the earlier pages.
      const split = splitPage(Number(pages));
      ownPart = { before: split };
      relations = relationsInSameSnapshot(id, options.relationsClient, { from: split }, onRelations);
      // why: it may fail while this client is still busy; it is awaited (and thrown) later.
      relations.catch(() => undefined);
    }
    const snapshot = await readAll(client, options.columns === true, ownPart, relations ?? undefined, onRelations);
    await client.query('COMMIT');
    return snapshot;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    // why: the second read must be over (and its error seen) before its client is reused.
    await relations?.catch(() => undefined);
    throw err;
  }
}

/**
 * Reads the relations of `range` on `second` in the snapshot `id` exported by the first
 * connection's open transaction (pg_export_snapshot / SET TRANSACTION SNAPSHOT), so both
 * reads see one catalog.
 */
async function relationsInSameSnapshot(id: string, second: pg.ClientBase, range: PageRange, onRelations?: (more: number) => void): Promise<SnapshotRelation[]> {
  await second.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await second.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(id)}`);
    const relations = await streamRelations(second, onRelations, range);
    await second.query('COMMIT');
    return relations;
  } catch (err) {
    await second.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function readAll(
  c: pg.ClientBase,
  withColumns: boolean,
  ownPart: PageRange,
  otherPart?: Promise<SnapshotRelation[]>,
  onRelations?: (more: number) => void,
): Promise<CatalogSnapshot> {
  const version = await c.query<{ num: string; authid: boolean }>(
    `SELECT current_setting('server_version_num') AS num, has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS authid`,
  );
  const serverMajor = Math.floor(Number(version.rows[0]?.num) / 10000);
  const tooOld = versionProblem(serverMajor, String(serverMajor));
  if (tooOld !== null) throw new UserError('server_error', tooOld);
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
  // why: only columns with their own ACL matter for access.
  const columns = withColumns
    ? await c.query<ColumnRow>(
        `SELECT a.attrelid AS "relationOid", a.attnum, a.attname AS name, a.attacl::text AS attacl
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchemaFilter}`,
      )
    : null;
  const defaultAcls = await c.query<{ role: number; schemaOid: number | null; objtype: string; defaclacl: string }>(
    `SELECT defaclrole AS role, NULLIF(defaclnamespace, 0) AS "schemaOid", defaclobjtype::text AS objtype, defaclacl::text AS defaclacl FROM pg_default_acl`,
  );

  const own = await streamRelations(c, onRelations, ownPart);
  const relations = orderRelations(otherPart === undefined ? own : own.concat(await otherPart), schemas.rows);
  return parseCatalogSnapshotParts({
    serverMajor,
    database: database.rows[0],
    roles: roles.rows.map((r) => ({ ...r, hasPassword: passwords ? (passwords.get(r.oid) ?? false) : null })),
    memberships: memberships.rows,
    schemas: schemas.rows,
    ...(columns ? { columns: columns.rows } : {}),
    defaultAcls: defaultAcls.rows,
  }, relations);
}

interface ColumnRow {
  relationOid: number;
  attnum: number;
  name: string;
  attacl: string | null;
}

/**
 * Every user column of one relation in attnum order, with its ACL (null when it has none):
 * what the why panel and column grants need, read when a relation is opened.
 */
export async function loadRelationColumns(client: pg.ClientBase, relationOid: number): Promise<SnapshotColumn[]> {
  const result = await client.query<ColumnRow>(
    `SELECT attrelid AS "relationOid", attnum, attname AS name, attacl::text AS attacl
     FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [relationOid],
  );
  return parseCatalogColumns(result.rows);
}
