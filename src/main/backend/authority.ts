import type pg from 'pg';
import type { Authority, GrantRights } from '../../shared/changes/authority';
import { privilegesFor, type PrivilegeObjectKind } from '../../shared/changes/privileges';
import type { Change } from '../../shared/changes/schema';

/**
 * What the connected role may do, read from the server itself (docs/privileges.md §6):
 * attributes from pg_roles, and for every role what pg_has_role says of ADMIN OPTION, of
 * acting as it (SET from 16 on, MEMBER before) and of having its privileges.
 */
export async function readAuthority(client: pg.ClientBase): Promise<Authority> {
  const self = await client.query<{ u: string; major: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolreplication: boolean; rolbypassrls: boolean }>(
    `SELECT current_user AS u, current_setting('server_version_num') AS major, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const me = self.rows[0];
  if (me === undefined) throw new Error('The connected role is not in pg_roles.');
  const major = Math.floor(Number(me.major) / 10000);
  // why: "SET" exists from 16 on, where CREATE DATABASE … OWNER and FOR ROLE need it; before, membership.
  const actAs = major >= 16 ? 'SET' : 'MEMBER';
  const roles = await client.query<{ name: string; superuser: boolean; replication: boolean; admin: boolean; set: boolean; usage: boolean }>(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolreplication AS replication,
            pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION') AS admin,
            pg_has_role(current_user, r.oid, $1) AS set,
            pg_has_role(current_user, r.oid, 'USAGE') AS usage
       FROM pg_roles r ORDER BY r.rolname`,
    [actAs],
  );
  const databases = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE has_database_privilege(current_user, oid, 'CREATE') ORDER BY 1`,
  );
  return {
    major,
    currentUser: me.u,
    superuser: me.rolsuper,
    createRole: me.rolcreaterole,
    createDb: me.rolcreatedb,
    replication: me.rolreplication,
    bypassRls: me.rolbypassrls,
    roles: roles.rows,
    createSchemaIn: databases.rows.map((r) => r.datname),
  };
}

/** Runs `fn` on a client of `database` (null: the connected database). */
export type OnDb = <T>(database: string | null, fn: (c: pg.ClientBase) => Promise<T>) => Promise<T>;

type Row = { object: string; grantable: string[] };

const requested = (list: 'ALL' | readonly string[], kind: PrivilegeObjectKind, major: number): string[] =>
  list === 'ALL' ? privilegesFor(kind, major) : [...new Set(list)];

/**
 * For a GRANT or REVOKE on objects: what the connected role holds WITH GRANT OPTION on each
 * object the change acts on, as the server's has_*_privilege functions say; undefined for
 * other changes, and for objects that do not exist yet (created earlier in the same list).
 */
export async function readGrantRights(change: Change, major: number, on: OnDb): Promise<GrantRights | undefined> {
  switch (change.kind) {
    case 'grantTable':
    case 'revokeTable': {
      const kind: PrivilegeObjectKind = change.columns !== undefined ? 'column' : change.objectKind;
      const privs = requested(change.privileges, kind, major);
      const rows = await on(change.database, async (c) => {
        const rel = await c.query<{ oid: string }>(
          `SELECT c.oid::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
          [change.schema, change.table],
        );
        const oid = rel.rows[0]?.oid;
        if (oid === undefined) return null;
        const object = `${change.schema}.${change.table}`;
        if (change.columns !== undefined) {
          const r = await c.query<Row>(
            `SELECT $3 || ' (' || col || ')' AS object, ARRAY(SELECT p FROM unnest($4::text[]) p
                    WHERE has_column_privilege(current_user, $1::oid, col, p || ' WITH GRANT OPTION')) AS grantable
               FROM unnest($2::text[]) col`,
            [oid, change.columns, object, privs],
          );
          return r.rows;
        }
        const fn = change.objectKind === 'sequence' ? 'has_sequence_privilege' : 'has_table_privilege';
        const r = await c.query<Row>(
          `SELECT $2 AS object, ARRAY(SELECT p FROM unnest($3::text[]) p WHERE ${fn}(current_user, $1::oid, p || ' WITH GRANT OPTION')) AS grantable`,
          [oid, object, privs],
        );
        return r.rows;
      });
      return rows === null ? undefined : rights(change.privileges === 'ALL', privs, rows);
    }
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema': {
      const kind = ({ tables: 'table', sequences: 'sequence', functions: 'function' } as const)[change.objectKind];
      const privs = requested(change.privileges, kind, major);
      // why: ALL TABLES covers tables, views, materialized views, foreign and partitioned tables;
      // ALL FUNCTIONS every routine but procedures (objectsInSchemaToOids).
      const sql =
        change.objectKind === 'functions'
          ? `SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS object,
                    ARRAY(SELECT x FROM unnest($2::text[]) x WHERE has_function_privilege(current_user, p.oid, x || ' WITH GRANT OPTION')) AS grantable
               FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.prokind <> 'p'`
          : `SELECT n.nspname || '.' || c.relname AS object,
                    ARRAY(SELECT x FROM unnest($2::text[]) x WHERE ${change.objectKind === 'sequences' ? 'has_sequence_privilege' : 'has_table_privilege'}(current_user, c.oid, x || ' WITH GRANT OPTION')) AS grantable
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relkind = ANY(${change.objectKind === 'sequences' ? `'{S}'` : `'{r,v,m,f,p}'`}::"char"[])`;
      const rows = await on(change.database, async (c) => (await c.query<Row>(`${sql} ORDER BY 1 LIMIT 1000`, [change.schema, privs])).rows);
      return rights(change.privileges === 'ALL', privs, rows);
    }
    case 'grantSchema':
    case 'revokeSchema': {
      const privs = requested(change.privileges, 'schema', major);
      const rows = await on(change.database, async (c) =>
        (await c.query<Row>(
          `SELECT n.nspname AS object, ARRAY(SELECT x FROM unnest($2::text[]) x WHERE has_schema_privilege(current_user, n.oid, x || ' WITH GRANT OPTION')) AS grantable
             FROM pg_namespace n WHERE n.nspname = $1`,
          [change.schema, privs],
        )).rows,
      );
      return rows.length === 0 ? undefined : rights(change.privileges === 'ALL', privs, rows.map((r) => ({ ...r, object: `schema ${r.object}` })));
    }
    case 'grantDatabase':
    case 'revokeDatabase': {
      const privs = requested(change.privileges, 'database', major);
      const rows = await on(null, async (c) =>
        (await c.query<Row>(
          `SELECT d.datname AS object, ARRAY(SELECT x FROM unnest($2::text[]) x WHERE has_database_privilege(current_user, d.oid, x || ' WITH GRANT OPTION')) AS grantable
             FROM pg_database d WHERE d.datname = $1`,
          [change.database, privs],
        )).rows,
      );
      return rows.length === 0 ? undefined : rights(change.privileges === 'ALL', privs, rows.map((r) => ({ ...r, object: `database ${r.object}` })));
    }
    default:
      return undefined;
  }
}

function rights(all: boolean, privs: string[], rows: Row[]): GrantRights {
  return { all, objects: rows.map((r) => ({ object: r.object, requested: privs, grantable: r.grantable })) };
}
