import { describe, expect, it } from 'vitest';
import { changeSchema, type Change, type ChangeInput } from '../changes/schema';
import { RenderError, planStatements } from './statements';

const verifier =
  'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';

const sql = (input: ChangeInput, major = 16): string[] => planStatements(changeSchema.parse(input), major).map((s) => s.sql);
const role = (name: string) => ({ kind: 'role' as const, name });

describe('roles', () => {
  it('states every attribute of a new role, and its groups', () => {
    const input: ChangeInput = {
      kind: 'createRole',
      name: 'Report Bot',
      login: true,
      password: { kind: 'verifier', verifier },
      superuser: false,
      createDb: true,
      createRole: false,
      inherit: false,
      connectionLimit: 5,
      validUntil: '2030-01-31T00:00:00Z',
      memberOf: ['readonly', 'public'],
    };
    expect(sql(input)).toEqual([
      `CREATE ROLE "Report Bot" LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOINHERIT CONNECTION LIMIT 5 VALID UNTIL '2030-01-31T00:00:00Z' PASSWORD '${verifier}';`,
      'GRANT readonly TO "Report Bot";',
      'GRANT "public" TO "Report Bot";',
    ]);
    expect(sql({ ...input, password: { kind: 'none' }, connectionLimit: -1, validUntil: null, memberOf: [] })).toEqual([
      'CREATE ROLE "Report Bot" LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOINHERIT;',
    ]);
  });

  it('alters only what is given, and renames last', () => {
    expect(sql({ kind: 'alterRole', name: 'data_viewer', superuser: false })).toEqual(['ALTER ROLE data_viewer NOSUPERUSER;']);
    expect(
      sql({
        kind: 'alterRole',
        name: 'user',
        rename: 'app user',
        password: { kind: 'none' },
        validUntil: null,
        connectionLimit: -1,
        login: false,
      }),
    ).toEqual([
      `ALTER ROLE "user" NOLOGIN CONNECTION LIMIT -1 VALID UNTIL 'infinity' PASSWORD NULL;`,
      'ALTER ROLE "user" RENAME TO "app user";',
    ]);
    expect(sql({ kind: 'alterRole', name: 'a', password: { kind: 'verifier', verifier } })).toEqual([
      `ALTER ROLE a PASSWORD '${verifier}';`,
    ]);
    expect(sql({ kind: 'dropRole', name: 'Temp-Role' })).toEqual(['DROP ROLE "Temp-Role";']);
  });

  it('reassigns and drops what roles own inside their database', () => {
    const reassign = planStatements(changeSchema.parse({ kind: 'reassignOwned', database: 'My DB', roles: ['a', 'B c'], newOwner: 'public' }), 16);
    expect(reassign).toEqual([{ sql: 'REASSIGN OWNED BY a, "B c" TO "public";', database: 'My DB', transactional: true }]);
    expect(sql({ kind: 'dropOwned', database: 'd', roles: ['current_user'] })).toEqual(['DROP OWNED BY "current_user";']);
    expect(sql({ kind: 'dropOwned', database: 'd', roles: ['a'], cascade: true })).toEqual(['DROP OWNED BY a CASCADE;']);
    const empty = { kind: 'dropOwned', database: 'd', roles: [], cascade: false } as Change;
    expect(() => planStatements(empty, 16)).toThrow(RenderError);
  });

  it('refuses to render anything but a verifier as a password, even past the schema', () => {
    const sneaky = { kind: 'alterRole', name: 'a', password: { kind: 'verifier', verifier: 'r3p0rt' } } as Change;
    expect(() => planStatements(sneaky, 16)).toThrow(RenderError);
    expect(() => planStatements(sneaky, 16)).not.toThrow(/r3p0rt/);
  });
});

describe('membership per server version', () => {
  const add: ChangeInput = { kind: 'addMember', group: 'readonly', member: 'data_viewer', admin: true };
  it('uses WITH ADMIN OPTION before 16 and option lists from 16 on', () => {
    expect(sql(add, 14)).toEqual(['GRANT readonly TO data_viewer WITH ADMIN OPTION;']);
    expect(sql({ ...add, admin: false }, 15)).toEqual(['GRANT readonly TO data_viewer;']);
    expect(sql(add, 16)).toEqual(['GRANT readonly TO data_viewer WITH ADMIN TRUE;']);
    expect(sql({ ...add, inherit: false, set: true }, 17)).toEqual([
      'GRANT readonly TO data_viewer WITH ADMIN TRUE, INHERIT FALSE, SET TRUE;',
    ]);
    expect(sql({ kind: 'addMember', group: 'readonly', member: 'data_viewer' }, 18)).toEqual(['GRANT readonly TO data_viewer;']);
  });

  it('refuses 16-only options on older servers', () => {
    expect(() => sql({ ...add, inherit: true }, 15)).toThrow(RenderError);
    expect(() => sql({ kind: 'removeMember', group: 'g', member: 'm', optionOnly: 'set' }, 15)).toThrow(RenderError);
  });

  it('revokes membership or one option', () => {
    expect(sql({ kind: 'removeMember', group: 'readonly', member: 'Data Viewer' }, 14)).toEqual(['REVOKE readonly FROM "Data Viewer";']);
    expect(sql({ kind: 'removeMember', group: 'readonly', member: 'x', optionOnly: 'admin' }, 14)).toEqual([
      'REVOKE ADMIN OPTION FOR readonly FROM x;',
    ]);
    expect(sql({ kind: 'removeMember', group: 'readonly', member: 'x', optionOnly: 'inherit' }, 16)).toEqual([
      'REVOKE INHERIT OPTION FOR readonly FROM x;',
    ]);
  });
});

describe('privileges', () => {
  const table = { database: 'd', schema: 'user_data', table: 'users', grantee: role('report_bot') };

  it('grants and revokes on tables, sequences and columns', () => {
    expect(sql({ kind: 'grantTable', ...table, privileges: ['SELECT', 'INSERT'], withGrantOption: true })).toEqual([
      'GRANT SELECT, INSERT ON TABLE user_data.users TO report_bot WITH GRANT OPTION;',
    ]);
    expect(sql({ kind: 'revokeTable', ...table, privileges: ['UPDATE'], grantOptionFor: true, cascade: true })).toEqual([
      'REVOKE GRANT OPTION FOR UPDATE ON TABLE user_data.users FROM report_bot CASCADE;',
    ]);
    expect(sql({ kind: 'grantTable', ...table, table: 'users_id_seq', objectKind: 'sequence', privileges: ['USAGE'] })).toEqual([
      'GRANT USAGE ON SEQUENCE user_data.users_id_seq TO report_bot;',
    ]);
    expect(sql({ kind: 'grantTable', ...table, privileges: 'ALL', columns: ['email', 'Full Name'] })).toEqual([
      'GRANT ALL (email, "Full Name") ON TABLE user_data.users TO report_bot;',
    ]);
  });

  it('tells PUBLIC from a role named public', () => {
    expect(sql({ kind: 'grantTable', ...table, privileges: ['SELECT'], grantee: { kind: 'public' } })).toEqual([
      'GRANT SELECT ON TABLE user_data.users TO PUBLIC;',
    ]);
    expect(sql({ kind: 'grantTable', ...table, privileges: ['SELECT'], grantee: role('public') })).toEqual([
      'GRANT SELECT ON TABLE user_data.users TO "public";',
    ]);
  });

  it('renders MAINTAIN only from 17 on', () => {
    expect(sql({ kind: 'grantTable', ...table, privileges: ['MAINTAIN'] }, 17)).toEqual([
      'GRANT MAINTAIN ON TABLE user_data.users TO report_bot;',
    ]);
    expect(() => sql({ kind: 'grantTable', ...table, privileges: ['MAINTAIN'] }, 16)).toThrow(RenderError);
    expect(() => sql({ kind: 'grantTable', ...table, privileges: ['CONNECT'] }, 16)).toThrow(/does not apply to tables/);
  });

  it('covers schema-wide, schema and database grants', () => {
    const scope = { database: 'd', schema: 'Sales', grantee: role('readonly') };
    expect(sql({ kind: 'revokeAllTablesInSchema', ...scope, objectKind: 'functions', privileges: 'ALL', grantee: { kind: 'public' } })).toEqual([
      'REVOKE ALL ON ALL FUNCTIONS IN SCHEMA "Sales" FROM PUBLIC;',
    ]);
    expect(sql({ kind: 'grantAllTablesInSchema', ...scope, objectKind: 'sequences', privileges: ['USAGE', 'SELECT'] })).toEqual([
      'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "Sales" TO readonly;',
    ]);
    expect(sql({ kind: 'revokeSchema', ...scope, privileges: ['CREATE'], grantee: { kind: 'public' } })).toEqual([
      'REVOKE CREATE ON SCHEMA "Sales" FROM PUBLIC;',
    ]);
    expect(sql({ kind: 'grantDatabase', database: 'analytics', privileges: ['CONNECT', 'TEMPORARY'], grantee: role('report_bot') })).toEqual([
      'GRANT CONNECT, TEMPORARY ON DATABASE analytics TO report_bot;',
    ]);
  });

  it('writes default privileges with FOR ROLE always', () => {
    const base = { kind: 'alterDefaultPrivileges' as const, database: 'd', forRole: 'datatweets', grantee: role('readonly') };
    expect(sql({ ...base, objtype: 'schemas', action: 'revoke', privileges: ['USAGE'], grantOptionFor: true })).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE datatweets REVOKE GRANT OPTION FOR USAGE ON SCHEMAS FROM readonly;',
    ]);
    expect(sql({ ...base, objtype: 'types', action: 'grant', privileges: 'ALL', withGrantOption: true })).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE datatweets GRANT ALL ON TYPES TO readonly WITH GRANT OPTION;',
    ]);
    expect(() => sql({ ...base, objtype: 'schemas', inSchema: 's', action: 'grant', privileges: ['USAGE'] })).toThrow(RenderError);
  });
});

describe('where statements run', () => {
  it('marks cluster-wide, per-database and non-transactional statements', () => {
    const plan = (input: ChangeInput) => planStatements(changeSchema.parse(input), 16).map(({ database, transactional }) => [database, transactional]);
    expect(plan({ kind: 'createDatabase', name: 'analytics' })).toEqual([
      [null, false],
      [null, true],
    ]);
    expect(plan({ kind: 'createSchema', database: 'analytics', name: 's' })).toEqual([['analytics', true]]);
    expect(plan({ kind: 'grantDatabase', database: 'analytics', privileges: ['CONNECT'], grantee: { kind: 'public' } })).toEqual([[null, true]]);
    expect(plan({ kind: 'dropRole', name: 'x' })).toEqual([[null, true]]);
  });
});
