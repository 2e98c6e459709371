import type pg from 'pg';

// why: the round trip compares two clusters that must be equal in everything a change can
// touch. Every row is read by name (owners, grantors, members, ACL entries as aclitem
// text, which prints role names), never by oid, and rendered as one sorted line, so a
// difference shows in the test diff as the exact row that differs.

/** A normalized dump: cluster-wide sections, then one set of sections per database. */
export interface CatalogDump {
  cluster: Record<string, string[]>;
  databases: Record<string, Record<string, string[]>>;
}

const clusterQueries = (major: number): Record<string, string> => ({
  // why: rolpassword holds a SCRAM verifier with a random salt; equal text means the very
  // same verifier was stored (a hash of it is enough to compare, and keeps diffs short).
  roles: `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
      rolconnlimit, rolvaliduntil::text AS validuntil, encode(sha256(convert_to(rolpassword, 'UTF8')), 'hex') AS password
    FROM pg_authid`,
  memberships:
    major >= 16
      ? `SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, am.admin_option, am.inherit_option, am.set_option
         FROM pg_auth_members am JOIN pg_authid r ON r.oid = am.roleid JOIN pg_authid m ON m.oid = am.member
         LEFT JOIN pg_authid g ON g.oid = am.grantor`
      : `SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, am.admin_option
         FROM pg_auth_members am JOIN pg_authid r ON r.oid = am.roleid JOIN pg_authid m ON m.oid = am.member
         LEFT JOIN pg_authid g ON g.oid = am.grantor`,
  databases: `SELECT datname, pg_get_userbyid(datdba) AS owner, datacl::text AS acl, datallowconn, datconnlimit, datistemplate,
      pg_encoding_to_char(encoding) AS encoding FROM pg_database`,
  roleSettings: `SELECT coalesce(d.datname, '*') AS database, coalesce(r.rolname, '*') AS role, s.setconfig::text AS config
    FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_authid r ON r.oid = s.setrole`,
  tablespaces: `SELECT spcname, pg_get_userbyid(spcowner) AS owner, spcacl::text AS acl FROM pg_tablespace`,
});

const userNamespaces = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_(temp|toast_temp)_'`;

const databaseQueries: Record<string, string> = {
  schemas: `SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text AS acl FROM pg_namespace n
    WHERE n.nspname !~ '^pg_(temp|toast_temp)_'`,
  relations: `SELECT n.nspname, c.relname, c.relkind::text AS kind, pg_get_userbyid(c.relowner) AS owner, c.relacl::text AS acl
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','v','m','S','f','p') AND ${userNamespaces}`,
  columns: `SELECT n.nspname, c.relname, a.attname, a.attacl::text AS acl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped`,
  functions: `SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args, pg_get_userbyid(p.proowner) AS owner,
      p.proacl::text AS acl FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${userNamespaces}`,
  types: `SELECT n.nspname, t.typname, pg_get_userbyid(t.typowner) AS owner, t.typacl::text AS acl
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${userNamespaces} AND t.typacl IS NOT NULL`,
  defaultAcls: `SELECT pg_get_userbyid(d.defaclrole) AS role, coalesce(n.nspname, '*') AS schema, d.defaclobjtype::text AS objtype,
      d.defaclacl::text AS acl FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`,
  catalogAcls: `SELECT n.nspname, c.relname, c.relacl::text AS acl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('pg_catalog', 'information_schema') AND c.relacl IS NOT NULL`,
  languages: `SELECT lanname, pg_get_userbyid(lanowner) AS owner, lanacl::text AS acl FROM pg_language`,
  largeObjects: `SELECT oid::text, pg_get_userbyid(lomowner) AS owner, lomacl::text AS acl FROM pg_largeobject_metadata`,
  foreignServers: `SELECT 'fdw' AS kind, fdwname AS name, pg_get_userbyid(fdwowner) AS owner, fdwacl::text AS acl FROM pg_foreign_data_wrapper
    UNION ALL SELECT 'server', srvname, pg_get_userbyid(srvowner), srvacl::text FROM pg_foreign_server`,
};

function line(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${v === null ? 'NULL' : JSON.stringify(v)}`)
    .join(' ');
}

async function section(c: pg.ClientBase, sql: string): Promise<string[]> {
  const r = await c.query<Record<string, unknown>>(sql);
  return r.rows.map(line).sort();
}

/**
 * Dumps everything access-related on a cluster: roles (attributes and password verifier),
 * memberships with options and grantors, databases with owners and ACLs, and per database
 * schemas, relations, column ACLs, functions, types and default privileges.
 */
export async function dumpCatalog(connect: (database: string) => Promise<pg.Client>): Promise<CatalogDump> {
  const admin = await connect('postgres');
  const cluster: Record<string, string[]> = {};
  let names: string[];
  try {
    const num = (await admin.query<{ n: string }>(`SELECT current_setting('server_version_num') AS n`)).rows[0]?.n;
    const major = Math.floor(Number(num) / 10000);
    for (const [name, sql] of Object.entries(clusterQueries(major))) cluster[name] = await section(admin, sql);
    names = (await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1')).rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
  const databases: CatalogDump['databases'] = {};
  for (const name of names) {
    const c = await connect(name);
    try {
      const out: Record<string, string[]> = {};
      for (const [key, sql] of Object.entries(databaseQueries)) out[key] = await section(c, sql);
      databases[name] = out;
    } finally {
      await c.end();
    }
  }
  return { cluster, databases };
}

/** The lines that differ between two dumps, as `+`/`-` lines under a section path; empty when equal. */
export function diffDumps(before: CatalogDump, after: CatalogDump): string[] {
  const out: string[] = [];
  const compare = (path: string, a: readonly string[] = [], b: readonly string[] = []): void => {
    const left = new Set(a);
    const right = new Set(b);
    for (const l of a) if (!right.has(l)) out.push(`- ${path}: ${l}`);
    for (const l of b) if (!left.has(l)) out.push(`+ ${path}: ${l}`);
  };
  for (const key of new Set([...Object.keys(before.cluster), ...Object.keys(after.cluster)])) {
    compare(key, before.cluster[key], after.cluster[key]);
  }
  for (const db of new Set([...Object.keys(before.databases), ...Object.keys(after.databases)])) {
    const a = before.databases[db] ?? {};
    const b = after.databases[db] ?? {};
    if (before.databases[db] === undefined) out.push(`+ database ${JSON.stringify(db)}`);
    if (after.databases[db] === undefined) out.push(`- database ${JSON.stringify(db)}`);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(`${db}/${key}`, a[key], b[key]);
  }
  return out;
}
