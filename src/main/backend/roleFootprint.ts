import type pg from 'pg';
import { UserError } from '../../shared/api/errors';
import {
  footprintSampleSize,
  type DatabaseFootprint,
  type DatabaseInside,
  type FootprintSample,
  type RoleFootprint,
} from '../../shared/roles/footprint';

/** Runs `fn` on a client of one database of the server (null: the connected one). */
export type OnDatabaseOf = <T>(database: string | null, fn: (c: pg.ClientBase) => Promise<T>) => Promise<T>;

// Every query takes the role's name as $1 and resolves it here; no name is ever put into SQL text.
const role = `(SELECT oid FROM pg_roles WHERE rolname = $1)`;
const relationKinds = `c.relkind IN ('r','v','m','S','f','p')`;
const kindWord = `CASE c.relkind WHEN 'v' THEN ' (view)' WHEN 'm' THEN ' (materialized view)' WHEN 'S' THEN ' (sequence)'
  WHEN 'f' THEN ' (foreign table)' WHEN 'p' THEN ' (partitioned table)' ELSE '' END`;
const objtypeWord = `CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
  WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END`;
// why: regnamespace's text form is already quoted where the name needs it.
const inSchema = `CASE WHEN d.defaclnamespace = 0 THEN ' in any schema' ELSE ' in ' || d.defaclnamespace::regnamespace::text END`;
const granted = (acl: string) => `EXISTS (SELECT 1 FROM aclexplode(${acl}) a WHERE a.grantee = ${role})`;
const privilegesIn = (acl: string) => `(SELECT string_agg(DISTINCT a.privilege_type, ', ') FROM aclexplode(${acl}) a WHERE a.grantee = ${role})`;
// why: classes reported by their own query; pg_shdepend covers whatever else the role owns
// or is named in (operators, publications, policies, large objects, …) in the server's words.
const coveredClasses = `('pg_namespace'::regclass, 'pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass, 'pg_default_acl'::regclass)`;
const localDependencies = (deptypes: string) => `SELECT pg_describe_object(s.classid, s.objid, s.objsubid) AS name FROM pg_shdepend s
  WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.refclassid = 'pg_authid'::regclass
    AND s.refobjid = ${role} AND s.deptype IN (${deptypes}) AND s.classid NOT IN ${coveredClasses}`;

/** One query per kind; each yields a `name` column. */
const queries = {
  ownedSchemas: `SELECT quote_ident(n.nspname) AS name FROM pg_namespace n WHERE n.nspowner = ${role}`,
  ownedRelations: `SELECT format('%I.%I', n.nspname, c.relname) || ${kindWord} AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = ${role} AND ${relationKinds}`,
  ownedFunctions: `SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proowner = ${role}`,
  // why: array, multirange and table row types come with their base type or table and
  // follow its owner; only types someone created on their own are listed.
  ownedTypes: `SELECT format('%I.%I', n.nspname, t.typname) AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typowner = ${role} AND t.typtype <> 'm' AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
      AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')`,
  ownedOther: localDependencies(`'o'`),
  schemaPrivileges: `SELECT quote_ident(n.nspname) || ': ' || ${privilegesIn('n.nspacl')} AS name FROM pg_namespace n
    WHERE n.nspowner <> ${role} AND ${granted('n.nspacl')}`,
  relationPrivileges: `SELECT format('%I.%I', n.nspname, c.relname) || ${kindWord} || ': '
      || coalesce(${privilegesIn('c.relacl')}, 'on some columns') AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relowner <> ${role} AND ${relationKinds} AND (${granted('c.relacl')} OR EXISTS (
      SELECT 1 FROM pg_attribute at WHERE at.attrelid = c.oid AND at.attnum > 0 AND ${granted('at.attacl')}))`,
  functionPrivileges: `SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) || ': '
      || ${privilegesIn('p.proacl')} AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proowner <> ${role} AND ${granted('p.proacl')}`,
  otherPrivileges: localDependencies(`'a', 'r'`),
  defaultsFor: `SELECT ${objtypeWord} || ${inSchema} || ': ' || coalesce((SELECT string_agg(DISTINCT a.privilege_type || ' to '
      || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, ', ') FROM aclexplode(d.defaclacl) a), 'nothing') AS name
    FROM pg_default_acl d WHERE d.defaclrole = ${role}`,
  defaultsTo: `SELECT ${objtypeWord} || ' of ' || quote_ident(pg_get_userbyid(d.defaclrole)) || ${inSchema} || ': '
      || ${privilegesIn('d.defaclacl')} AS name
    FROM pg_default_acl d WHERE d.defaclrole <> ${role} AND ${granted('d.defaclacl')}`,
} as const;

async function sample(c: pg.ClientBase, sql: string, roleName: string): Promise<FootprintSample> {
  const r = await c.query<{ name: string; total: string }>(
    `SELECT name, count(*) OVER () AS total FROM (${sql}) AS x ORDER BY name LIMIT ${footprintSampleSize}`,
    [roleName],
  );
  return { count: Number(r.rows[0]?.total ?? 0), names: r.rows.map((row) => row.name) };
}

/** What the role owns and holds in the database `c` is connected to. */
export async function readInside(c: pg.ClientBase, roleName: string): Promise<DatabaseInside> {
  const s = (sql: string) => sample(c, sql, roleName);
  return {
    owned: {
      schemas: await s(queries.ownedSchemas),
      relations: await s(queries.ownedRelations),
      functions: await s(queries.ownedFunctions),
      types: await s(queries.ownedTypes),
      other: await s(queries.ownedOther),
    },
    privileges: {
      schemas: await s(queries.schemaPrivileges),
      relations: await s(queries.relationPrivileges),
      functions: await s(queries.functionPrivileges),
      other: await s(queries.otherPrivileges),
    },
    defaultPrivileges: { forRole: await s(queries.defaultsFor), grantedTo: await s(queries.defaultsTo) },
  };
}

interface SharedRow {
  datname: string;
  allow_conn: boolean;
  owns: boolean;
  privileges: string[];
  recorded: number;
}

interface Shared {
  databases: SharedRow[];
  memberOf: string[];
  members: string[];
  sharedOther: string[];
  sharedDependencies: number;
}

// why: pg_database, pg_auth_members and pg_shdepend are shared catalogs: one read from any
// database sees every database, including those Warden cannot connect to.
async function readShared(c: pg.ClientBase, roleName: string): Promise<Shared | null> {
  const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
  if (exists.rowCount === 0) return null;
  const dbs = await c.query<SharedRow>(
    `SELECT d.datname, d.datallowconn AS allow_conn, d.datdba = ${role} AS owns,
       ARRAY(SELECT DISTINCT a.privilege_type::text FROM aclexplode(d.datacl) a WHERE a.grantee = ${role} AND d.datdba <> ${role}
             ORDER BY 1)::text[] AS privileges,
       (SELECT count(*) FROM pg_shdepend s WHERE s.dbid = d.oid AND s.refclassid = 'pg_authid'::regclass AND s.refobjid = ${role})::int AS recorded
     FROM pg_database d ORDER BY d.datname`,
    [roleName],
  );
  const rest = await c.query<{ member_of: string[]; members: string[]; other: string[]; shared: number }>(
    `SELECT ARRAY(SELECT DISTINCT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = ${role} ORDER BY 1)::text[] AS member_of,
       ARRAY(SELECT DISTINCT u.rolname::text FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE m.roleid = ${role} ORDER BY 1)::text[] AS members,
       ARRAY(SELECT DISTINCT CASE s.deptype WHEN 'o' THEN 'owner of ' ELSE 'privileges on ' END || pg_describe_object(s.classid, s.objid, s.objsubid)
             FROM pg_shdepend s WHERE s.dbid = 0 AND s.refclassid = 'pg_authid'::regclass AND s.refobjid = ${role}
               AND s.classid <> 'pg_database'::regclass ORDER BY 1)::text[] AS other,
       (SELECT count(*) FROM pg_shdepend s WHERE s.dbid = 0 AND s.refclassid = 'pg_authid'::regclass AND s.refobjid = ${role})::int AS shared`,
    [roleName],
  );
  const row = rest.rows[0];
  return {
    databases: dbs.rows,
    memberOf: row?.member_of ?? [],
    members: row?.members ?? [],
    sharedOther: row?.other ?? [],
    sharedDependencies: row?.shared ?? 0,
  };
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads a role's footprint: shared facts from the connected database, then what it owns
 * and holds inside every database that accepts connections, one after the other. A
 * database that cannot be opened is reported as not checked with the reason, never skipped.
 */
export async function roleFootprint(roleName: string, onDatabase: OnDatabaseOf): Promise<RoleFootprint> {
  const shared = await onDatabase(null, (c) => readShared(c, roleName));
  if (shared === null) throw new UserError('not_found', `There is no role named "${roleName}".`, 'role');
  const databases: DatabaseFootprint[] = [];
  for (const d of shared.databases) {
    const base = { database: d.datname, ownsDatabase: d.owns, databasePrivileges: d.privileges, recordedDependencies: d.recorded };
    if (!d.allow_conn) {
      const reason = 'It does not accept connections (ALLOW_CONNECTIONS is off), so nobody can look inside it.';
      databases.push({ ...base, check: { status: 'not-checked', reason } });
      continue;
    }
    try {
      const inside = await onDatabase(d.datname, (c) => readInside(c, roleName));
      databases.push({ ...base, check: { status: 'checked', inside } });
    } catch (err) {
      databases.push({ ...base, check: { status: 'not-checked', reason: reasonOf(err) } });
    }
  }
  return {
    role: roleName,
    databases,
    memberOf: shared.memberOf,
    members: shared.members,
    sharedOther: shared.sharedOther,
    sharedDependencies: shared.sharedDependencies,
  };
}
