import type pg from 'pg';
import { parseCatalogColumns, parseCatalogSnapshotParts, type CatalogSnapshot, type SnapshotColumn, type SnapshotRelation } from '../../../shared/catalog/snapshot';
import { quoteLiteral } from '../../../shared/sql/quote';
import { UserError } from '../../../shared/api/errors';
import { versionProblem } from '../../../shared/api/serverVersions';
import { orderRelations, splitPage, streamRelations, userSchemaFilter, type AclTexts, type PageRange } from './readRelations';

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

/**
 * Sends several statements as one message (one write, one round trip) and returns their
 * results in order. why: a catalog read is a dozen small queries; each one sent alone
 * costs a socket write and a wait for the server, a sizeable part of a fast read.
 */
async function queryMany(client: pg.ClientBase, statements: readonly string[]): Promise<pg.QueryResult[]> {
  const results: unknown = await client.query(statements.join(';\n'));
  const list = statements.length === 1 ? [results] : results;
  if (!Array.isArray(list) || list.length !== statements.length) throw new Error(`The server answered ${statements.length} statements with something else.`);
  return list as pg.QueryResult[];
}

/** What the first message learns: the server's major, whether pg_authid is readable, and for a split read the snapshot and pg_class's size. */
interface Opening {
  num: string;
  authid: boolean;
  id?: string;
  pages?: string;
}

/** Reads the CatalogSnapshot of the database `client` is connected to. */
export async function loadCatalog(client: pg.ClientBase, options: LoadOptions = {}): Promise<CatalogSnapshot> {
  let relations: Promise<SnapshotRelation[]> | null = null;
  const onRelations = totalOf(options.onRelations);
  // why: both halves keep one copy of each ACL text (see AclTexts).
  const acls: AclTexts = new Map();
  try {
    const split = options.relationsClient !== undefined;
    const [, opening] = await queryMany(client, [
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      `SELECT current_setting('server_version_num') AS num, has_table_privilege('pg_catalog.pg_authid', 'SELECT') AS authid${
        split ? `, pg_export_snapshot() AS id, pg_relation_size('pg_catalog.pg_class') / current_setting('block_size')::int AS pages` : ''
      }`,
    ]);
    const first = opening?.rows[0] as Opening | undefined;
    let ownPart: PageRange = 'all';
    if (options.relationsClient !== undefined) {
      // why: the second connection reads the later pages while this one reads everything
      // else and then the earlier pages.
      const page = splitPage(Number(first?.pages ?? 0));
      ownPart = { before: page };
      relations = relationsInSameSnapshot(first?.id ?? '', options.relationsClient, { from: page }, acls, onRelations);
      // why: it may fail while this client is still busy; it is awaited (and thrown) later.
      relations.catch(() => undefined);
    }
    const snapshot = await readAll(client, first, options.columns === true, ownPart, acls, relations ?? undefined, onRelations);
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
async function relationsInSameSnapshot(id: string, second: pg.ClientBase, range: PageRange, acls: AclTexts, onRelations?: (more: number) => void): Promise<SnapshotRelation[]> {
  try {
    await queryMany(second, ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `SET TRANSACTION SNAPSHOT ${quoteLiteral(id)}`]);
    const relations = await streamRelations(second, onRelations, range, acls);
    await second.query('COMMIT');
    return relations;
  } catch (err) {
    await second.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

type Row = Record<string, unknown>;

async function readAll(
  c: pg.ClientBase,
  opening: Opening | undefined,
  withColumns: boolean,
  ownPart: PageRange,
  acls: AclTexts,
  otherPart?: Promise<SnapshotRelation[]>,
  onRelations?: (more: number) => void,
): Promise<CatalogSnapshot> {
  const serverMajor = Math.floor(Number(opening?.num) / 10000);
  const tooOld = versionProblem(serverMajor, String(serverMajor));
  if (tooOld !== null) throw new UserError('server_error', tooOld);
  const canReadAuthid = opening?.authid === true;

  // why: one message for everything but the relations (queryMany); each part is checked by
  // parseCatalogSnapshotParts below.
  const statements = {
    database: `SELECT oid, datname AS name, datdba AS owner, datacl::text AS datacl FROM pg_database WHERE datname = current_database()`,
    roles: `SELECT oid, rolname AS name, rolsuper AS superuser, rolinherit AS inherit, rolcanlogin AS "canLogin",
            rolcreaterole AS "createRole", rolcreatedb AS "createDb", rolreplication AS replication,
            rolbypassrls AS "bypassRls", rolconnlimit AS "connectionLimit", rolvaliduntil::text AS "validUntil"
     FROM pg_roles ORDER BY rolname`,
    // why: pg_roles masks passwords; only pg_authid (superusers) tells whether one is set.
    passwords: canReadAuthid ? 'SELECT oid, rolpassword IS NOT NULL AS has FROM pg_authid' : 'SELECT NULL::oid AS oid, false AS has WHERE false',
    // why: from 16 each membership row has its own INHERIT and SET options (and grantor).
    memberships:
      serverMajor >= 16
        ? `SELECT roleid, member, grantor, admin_option AS "adminOption", inherit_option AS "inheritOption", set_option AS "setOption" FROM pg_auth_members`
        : `SELECT roleid, member, grantor, admin_option AS "adminOption", NULL::bool AS "inheritOption", NULL::bool AS "setOption" FROM pg_auth_members`,
    schemas: `SELECT n.oid, n.nspname AS name, n.nspowner AS owner, n.nspacl::text AS nspacl FROM pg_namespace n WHERE ${userSchemaFilter} ORDER BY n.nspname`,
    // why: only columns with their own ACL matter for access.
    columns: withColumns
      ? `SELECT a.attrelid AS "relationOid", a.attnum, a.attname AS name, a.attacl::text AS attacl
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchemaFilter}`
      : 'SELECT 1 WHERE false',
    defaultAcls: `SELECT defaclrole AS role, NULLIF(defaclnamespace, 0) AS "schemaOid", defaclobjtype::text AS objtype, defaclacl::text AS defaclacl FROM pg_default_acl`,
  };
  const [database, roles, passwords, memberships, schemas, columns, defaultAcls] = (await queryMany(c, Object.values(statements))).map((r) => r.rows as Row[]);
  const hasPassword = canReadAuthid ? new Map((passwords ?? []).map((r) => [r['oid'], r['has'] === true])) : null;

  const own = await streamRelations(c, onRelations, ownPart, acls);
  const relations = orderRelations(otherPart === undefined ? own : own.concat(await otherPart), (schemas ?? []) as { oid: number }[]);
  return parseCatalogSnapshotParts({
    serverMajor,
    database: database?.[0],
    roles: (roles ?? []).map((r) => ({ ...r, hasPassword: hasPassword ? (hasPassword.get(r['oid']) ?? false) : null })),
    memberships,
    schemas,
    ...(withColumns ? { columns } : {}),
    defaultAcls,
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
