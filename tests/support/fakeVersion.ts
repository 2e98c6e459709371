import { quoteIdent, quoteLiteral } from '../../src/shared/sql/quote';
import type { TestServer } from './testServer';

/**
 * Creates a login role that sees another server version. why: no PostgreSQL 13 or 19 can
 * be started here. A role whose search_path puts a schema before pg_catalog resolves
 * unqualified current_setting() there, so Warden's version queries (unqualified, like any
 * client's) read the version chosen here, on a real server. Returns the role's name; drop
 * it with the returned cleanup.
 */
export async function roleSeeingVersion(
  server: TestServer,
  prefix: string,
  versionNum: string,
  version: string,
  password: string,
  databases: readonly string[] = ['postgres'],
): Promise<{ role: string; drop: () => Promise<void> }> {
  const role = server.unique(prefix);
  const schema = quoteIdent(`${role}_fake`);
  const admin = await server.connect();
  try {
    await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN SUPERUSER PASSWORD ${quoteLiteral(password)}`);
    await admin.query(`ALTER ROLE ${quoteIdent(role)} SET search_path = ${schema}, pg_catalog`);
  } finally {
    await admin.end();
  }
  for (const db of databases) {
    const c = await server.connect(db);
    try {
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(`CREATE FUNCTION ${schema}.current_setting(name text) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT CASE name WHEN 'server_version_num' THEN ${quoteLiteral(versionNum)} WHEN 'server_version' THEN ${quoteLiteral(version)}
        ELSE pg_catalog.current_setting(name) END $$`);
    } finally {
      await c.end();
    }
  }
  const drop = async () => {
    for (const db of databases) {
      const c = await server.connect(db);
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => c.end());
    }
    const a = await server.connect();
    await a.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`).finally(() => a.end());
  };
  return { role, drop };
}
