import type pg from 'pg';
import type { Database, Relation, RelationKind, Role, Schema } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import { versionNote, versionProblem } from '../../shared/api/serverVersions';

// why: catalogs, not information_schema, which hides objects the user has no rights on.

/** Every database, templates marked; those that refuse connections cannot be opened. */
export async function listDatabases(c: pg.ClientBase): Promise<Database[]> {
  const r = await c.query<{ name: string; owner: string; is_template: boolean; allow_conn: boolean }>(
    `SELECT datname AS name, pg_get_userbyid(datdba) AS owner, datistemplate AS is_template, datallowconn AS allow_conn
     FROM pg_database ORDER BY datistemplate, datname`,
  );
  return r.rows.map((d) => ({ name: d.name, owner: d.owner, isTemplate: d.is_template, allowConnections: d.allow_conn }));
}

/** User schemas of the connected database (system and temporary schemas left out). */
export async function listSchemas(c: pg.ClientBase): Promise<Schema[]> {
  const r = await c.query<Schema>(
    `SELECT nspname AS name, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
     WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
  );
  return r.rows;
}

const kindByRelkind: Record<string, RelationKind> = {
  r: 'table',
  v: 'view',
  m: 'materialized_view',
  S: 'sequence',
  f: 'foreign_table',
  p: 'partitioned_table',
};

/** Relations of one schema that carry privileges (indexes and TOAST left out). */
export async function listRelations(c: pg.ClientBase, schema: string): Promise<Relation[]> {
  const r = await c.query<{ name: string; relkind: string; owner: string; is_partition: boolean }>(
    `SELECT c.relname AS name, c.relkind::text AS relkind, pg_get_userbyid(c.relowner) AS owner, c.relispartition AS is_partition
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r','v','m','S','f','p') ORDER BY c.relname`,
    [schema],
  );
  return r.rows.flatMap((row) => {
    const kind = kindByRelkind[row.relkind];
    return kind ? [{ name: row.name, kind, owner: row.owner, isPartition: row.is_partition }] : [];
  });
}

/** Roles of the cluster (predefined pg_* roles left out), with their direct memberships. */
export async function listRoles(c: pg.ClientBase): Promise<Role[]> {
  const r = await c.query<{
    name: string; can_login: boolean; superuser: boolean; inherit: boolean; create_role: boolean; create_db: boolean;
    replication: boolean; bypass_rls: boolean; conn_limit: number; valid_until: string | null; member_of: string[];
  }>(
    `SELECT r.rolname AS name, r.rolcanlogin AS can_login, r.rolsuper AS superuser, r.rolinherit AS inherit,
            r.rolcreaterole AS create_role, r.rolcreatedb AS create_db, r.rolreplication AS replication,
            r.rolbypassrls AS bypass_rls, r.rolconnlimit AS conn_limit, r.rolvaliduntil::text AS valid_until,
            ARRAY(SELECT DISTINCT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                  WHERE m.member = r.oid ORDER BY 1)::text[] AS member_of
     FROM pg_roles r WHERE r.rolname !~ '^pg_' ORDER BY r.rolname`,
  );
  return r.rows.map((x) => ({
    name: x.name,
    kind: x.can_login ? 'user' : 'group',
    superuser: x.superuser,
    inherit: x.inherit,
    createRole: x.create_role,
    createDb: x.create_db,
    replication: x.replication,
    bypassRls: x.bypass_rls,
    connectionLimit: x.conn_limit,
    validUntil: x.valid_until,
    memberOf: x.member_of,
  }));
}

/** What server.info reports. */
export interface ServerInfo {
  version: string;
  major: number;
  /** Set for a major newer than Warden was checked against (the "not yet verified" banner). */
  versionNote: string | null;
  currentUser: string;
  isSuperuser: boolean;
  bootstrapSuperuser: string;
}

/** Version, current user, whether it is a superuser, and the bootstrap superuser's name. */
export async function serverInfo(c: pg.ClientBase): Promise<ServerInfo> {
  // why: initdb's superuser always has OID 10 (BOOTSTRAP_SUPERUSERID), whatever its name.
  const r = await c.query<{ version: string; num: string; current_user: string; su: boolean; bootstrap: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su,
            (SELECT rolname FROM pg_roles WHERE oid = 10) AS bootstrap`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('The server returned no version.');
  const major = Math.floor(Number(row.num) / 10000);
  const problem = versionProblem(major, row.version);
  if (problem !== null) throw new UserError('server_error', problem);
  return {
    version: row.version,
    major,
    versionNote: versionNote(major),
    currentUser: row.current_user,
    isSuperuser: row.su,
    bootstrapSuperuser: row.bootstrap,
  };
}
