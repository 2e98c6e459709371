import type pg from 'pg';
import type { Change } from '../../../shared/changes/schema';

/** A query reading the state a change acts on; equal results before and after mean a no-op. */
export interface Probe {
  /** The database to read it in; null for cluster-wide state (read anywhere). */
  database: string | null;
  sql: string;
  params: unknown[];
}

const roleState = `SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
  r.rolconnlimit, r.rolvaliduntil::text FROM pg_roles r WHERE r.rolname = ANY($1::text[]) ORDER BY 1`;
const memberState = `SELECT to_jsonb(m) - 'oid' - 'roleid' - 'member' - 'grantor' AS options
  FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
  WHERE g.rolname = $1 AND r.rolname = $2 ORDER BY 1::text`;
// why: a NULL ACL means the default (acldefault); REVOKE of nothing turns NULL into the
// explicit default, which must still read as "no change".
const relAclOrDefault = `coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))::text`;
const relationAcl = `SELECT ${relAclOrDefault} AS acl, ARRAY(SELECT a.attacl::text FROM pg_attribute a
  WHERE a.attrelid = c.oid AND a.attnum > 0 ORDER BY a.attnum) AS columns
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`;
const schemaWideAcl = `SELECT c.oid::text, ${relAclOrDefault} FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relkind IN ('r','v','m','S','f','p')
  UNION ALL SELECT p.oid::text, coalesce(p.proacl, acldefault('f', p.proowner))::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
  ORDER BY 1`;

// why: pg_shdepend records, per database (dbid; 0 for shared objects such as databases),
// every object a role owns ('o') and every ACL or policy naming it: exactly what REASSIGN
// OWNED (ownership only) and DROP OWNED (everything) act on in the current database.
const sharedDependencies = `SELECT d.dbid::text, d.classid::text, d.objid::text, d.objsubid, d.deptype::text FROM pg_shdepend d
  WHERE d.refclassid = 'pg_authid'::regclass AND d.refobjid IN (SELECT oid FROM pg_roles WHERE rolname = ANY($1::text[]))
    AND d.dbid IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    AND ($2::text IS NULL OR d.deptype::text = $2) ORDER BY 1, 2, 3, 4, 5`;

/** The probe for one change: what it reads is exactly what the change may alter. */
export function probeFor(change: Change): Probe {
  const anywhere = (sql: string, params: unknown[]): Probe => ({ database: null, sql, params });
  switch (change.kind) {
    case 'createRole':
      return anywhere(roleState, [[change.name]]);
    case 'alterRole':
      return anywhere(roleState, [[change.name, ...(change.rename === undefined ? [] : [change.rename])]]);
    case 'dropRole':
      return anywhere(roleState, [[change.name]]);
    case 'reassignOwned':
      return { database: change.database, sql: sharedDependencies, params: [change.roles, 'o'] };
    case 'dropOwned':
      return { database: change.database, sql: sharedDependencies, params: [change.roles, null] };
    case 'addMember':
    case 'removeMember':
      return anywhere(memberState, [change.group, change.member]);
    case 'grantTable':
    case 'revokeTable':
      return { database: change.database, sql: relationAcl, params: [change.schema, change.table] };
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema':
      return { database: change.database, sql: schemaWideAcl, params: [change.schema] };
    case 'grantSchema':
    case 'revokeSchema':
      return { database: change.database, sql: `SELECT coalesce(nspacl, acldefault('n', nspowner))::text FROM pg_namespace WHERE nspname = $1`, params: [change.schema] };
    case 'grantDatabase':
    case 'revokeDatabase':
      return anywhere(`SELECT coalesce(datacl, acldefault('d', datdba))::text FROM pg_database WHERE datname = $1`, [change.database]);
    case 'alterDefaultPrivileges':
      return {
        database: change.database,
        sql: `SELECT d.defaclnamespace::regnamespace::text, d.defaclobjtype::text, d.defaclacl::text FROM pg_default_acl d
              JOIN pg_roles r ON r.oid = d.defaclrole WHERE r.rolname = $1 ORDER BY 1, 2`,
        params: [change.forRole],
      };
    case 'createDatabase':
      return anywhere('SELECT datname, pg_get_userbyid(datdba) AS owner, datacl::text FROM pg_database WHERE datname = $1', [change.name]);
    case 'createSchema':
      return { database: change.database, sql: 'SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', params: [change.name] };
  }
}

/** Runs a probe; a database that does not exist (yet) reads as "absent". */
export async function readProbe(probe: Probe, run: (database: string | null, fn: (c: pg.ClientBase) => Promise<string>) => Promise<string>): Promise<string> {
  try {
    return await run(probe.database, async (c) => JSON.stringify((await c.query(probe.sql, probe.params)).rows));
  } catch (err) {
    if (err instanceof Error && /does not exist|no database called/i.test(err.message)) return 'absent';
    throw err;
  }
}
