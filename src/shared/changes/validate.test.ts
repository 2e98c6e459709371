import { describe, expect, it } from 'vitest';
import { dropNotGrantableMessage } from './privileges';
import type { ChangeInput } from './schema';
import { validateChange, validateChanges, type ValidationContext } from './validate';

const verifier =
  'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';

const ctx = (serverMajor = 16): ValidationContext => ({
  serverMajor,
  roles: new Set(['postgres', 'datatweets', 'data_viewer', 'readonly', 'readwrite', 'Public']),
  databases: new Set(['postgres', 'datatweets']),
  schemas: new Map([['datatweets', new Set(['public', 'user_data'])]]),
});

const createReportBot: ChangeInput = {
  kind: 'createRole',
  name: 'report_bot',
  login: true,
  password: { kind: 'verifier', verifier },
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
};

const grantSales: ChangeInput = {
  kind: 'grantTable',
  database: 'datatweets',
  schema: 'public',
  table: 'sales',
  privileges: ['SELECT'],
  grantee: { kind: 'role', name: 'data_viewer' },
};

const fields = (input: unknown, c = ctx()) => validateChange(input, c).map((p) => p.field);

describe('validateChange', () => {
  it('accepts the lesson changes', () => {
    expect(validateChange(createReportBot, ctx())).toEqual([]);
    expect(validateChange(grantSales, ctx())).toEqual([]);
    expect(validateChange({ kind: 'createDatabase', name: 'analytics', owner: 'postgres' }, ctx())).toEqual([]);
  });

  it('reports DROP as not grantable, on the privilege it concerns', () => {
    const problems = validateChange({ ...grantSales, privileges: ['DELETE', 'DROP', 'UPDATE'] }, ctx());
    expect(problems).toEqual([{ field: 'privileges.1', message: dropNotGrantableMessage }]);
  });

  it('reports privileges that do not fit the object', () => {
    expect(validateChange({ ...grantSales, privileges: ['CONNECT'] }, ctx())).toEqual([
      {
        field: 'privileges.0',
        message:
          'CONNECT does not apply to tables; it exists for databases. On tables you can use: ' +
          'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER.',
      },
    ]);
    expect(fields({ ...grantSales, privileges: ['USAGE'] })).toEqual(['privileges.0']);
    expect(fields({ ...grantSales, objectKind: 'sequence', table: 'sales_id_seq', privileges: ['USAGE'] })).toEqual([]);
    expect(fields({ ...grantSales, columns: ['amount'], privileges: ['DELETE'] })).toEqual(['privileges.0']);
    expect(fields({ ...grantSales, objectKind: 'sequence', columns: ['a'] })).toEqual(['columns']);
    const db = { kind: 'grantDatabase', database: 'datatweets', privileges: ['SELECT'], grantee: { kind: 'public' } };
    expect(fields(db)).toEqual(['privileges.0']);
    const schema = { kind: 'grantSchema', database: 'datatweets', schema: 'user_data', privileges: ['USAGE', 'CONNECT'], grantee: { kind: 'public' } };
    expect(fields(schema)).toEqual(['privileges.1']);
  });

  it('knows MAINTAIN needs 17', () => {
    const maintain = { ...grantSales, privileges: ['MAINTAIN'] };
    expect(validateChange(maintain, ctx(16))[0]?.message).toBe('MAINTAIN exists from PostgreSQL 17 on; this server runs 16.');
    expect(validateChange(maintain, ctx(17))).toEqual([]);
  });

  it('knows INHERIT and SET membership options need 16', () => {
    const add = { kind: 'addMember', group: 'readonly', member: 'data_viewer', admin: true, inherit: true, set: false };
    expect(validateChange(add, ctx(16))).toEqual([]);
    expect(fields(add, ctx(15))).toEqual(['inherit', 'set']);
    expect(validateChange(add, ctx(15))[0]?.message).toMatch(/from PostgreSQL 16 on; this server runs 15/);
    expect(fields({ kind: 'addMember', group: 'readonly', member: 'data_viewer', admin: true }, ctx(14))).toEqual([]);
    const remove = { kind: 'removeMember', group: 'readonly', member: 'data_viewer', optionOnly: 'set' };
    expect(fields(remove, ctx(15))).toEqual(['optionOnly']);
    expect(fields({ ...remove, optionOnly: 'admin' }, ctx(15))).toEqual([]);
    expect(fields({ ...add, member: 'readonly' })).toEqual(['member']);
  });

  it('checks role names for new roles', () => {
    expect(validateChange({ ...createReportBot, name: 'pg_reporter' }, ctx())).toEqual([
      { field: 'name', message: "Role names starting with pg_ are reserved for PostgreSQL's built-in roles." },
    ]);
    expect(validateChange({ ...createReportBot, name: 'data_viewer' }, ctx())).toEqual([
      { field: 'name', message: 'A role named "data_viewer" already exists.' },
    ]);
    expect(fields({ ...createReportBot, name: 'public' })).toEqual(['name']);
    expect(fields({ ...createReportBot, name: 'none' })).toEqual(['name']);
    expect(fields({ ...createReportBot, name: 'PUBLIC' })).toEqual([]);
    expect(validateChange({ ...createReportBot, name: '' }, ctx())).toEqual([{ field: 'name', message: 'The role name is empty.' }]);
    expect(validateChange({ ...createReportBot, name: 'é'.repeat(32) }, ctx())).toEqual([
      { field: 'name', message: 'The role name is 64 bytes long in UTF-8; PostgreSQL allows at most 63.' },
    ]);
    expect(fields({ ...createReportBot, memberOf: ['readonly', 'ghost'] })).toEqual(['memberOf.1']);
  });

  it('never accepts a plaintext password', () => {
    const problems = validateChange({ ...createReportBot, password: { kind: 'verifier', verifier: 'r3p0rt' } }, ctx());
    expect(problems).toEqual([
      { field: 'password.verifier', message: 'The password must be a SCRAM-SHA-256 verifier, never the password itself.' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('r3p0rt');
    expect(fields({ ...createReportBot, password: 'r3p0rt' })).toEqual(['password']);
  });

  it('checks attributes', () => {
    expect(fields({ ...createReportBot, connectionLimit: -2 })).toEqual(['connectionLimit']);
    expect(fields({ ...createReportBot, connectionLimit: 1.5 })).toEqual(['connectionLimit']);
    expect(fields({ ...createReportBot, validUntil: 'tomorrow' })).toEqual(['validUntil']);
    expect(fields({ ...createReportBot, validUntil: '2030-01-31T00:00:00Z' })).toEqual([]);
  });

  it('checks alterRole and dropRole', () => {
    expect(fields({ kind: 'alterRole', name: 'data_viewer', superuser: false })).toEqual([]);
    expect(fields({ kind: 'alterRole', name: 'ghost', superuser: false })).toEqual(['name']);
    expect(fields({ kind: 'alterRole', name: 'data_viewer' })).toEqual(['']);
    expect(fields({ kind: 'alterRole', name: 'data_viewer', rename: 'readonly' })).toEqual(['rename']);
    expect(fields({ kind: 'alterRole', name: 'data_viewer', rename: 'pg_viewer' })).toEqual(['rename']);
    expect(fields({ kind: 'dropRole', name: 'pg_read_all_data' })).toEqual(['name']);
    expect(fields({ kind: 'dropRole', name: 'data_viewer' })).toEqual([]);
  });

  it('checks REASSIGN OWNED and DROP OWNED', () => {
    const withServer = { ...ctx(), currentUser: 'postgres', bootstrapSuperuser: 'postgres' };
    const reassign = { kind: 'reassignOwned', database: 'datatweets', roles: ['data_viewer'], newOwner: 'datatweets' };
    expect(validateChange(reassign, withServer)).toEqual([]);
    expect(validateChange({ ...reassign, newOwner: 'data_viewer' }, withServer)).toEqual([
      { field: 'newOwner', message: 'The new owner must be another role than the ones whose objects move; "data_viewer" is one of them.' },
    ]);
    expect(fields({ ...reassign, newOwner: 'ghost' })).toEqual(['newOwner']);
    expect(fields({ ...reassign, roles: [] })).toEqual(['roles']);
    expect(validateChange({ ...reassign, roles: [] }, ctx())[0]?.message).toBe('Name at least one role.');
    expect(fields({ ...reassign, roles: ['data_viewer', 'ghost', 'data_viewer'] })).toEqual(['roles.1', 'roles.2']);
    expect(fields({ ...reassign, database: 'nope' })).toEqual(['database']);
    expect(fields({ ...reassign, roles: ['postgres'] }, withServer)).toEqual(['roles.0']);
    const dropOwned = { kind: 'dropOwned', database: 'datatweets', roles: ['readwrite'], cascade: true };
    expect(fields(dropOwned)).toEqual([]);
    expect(fields({ ...dropOwned, cascade: 'yes' })).toEqual(['cascade']);
    expect(validateChange({ ...dropOwned, roles: ['postgres'] }, withServer)[0]?.message).toMatch(/bootstrap superuser/);
  });

  it('knows the connected role and the bootstrap superuser', () => {
    const withServer = { ...ctx(), currentUser: 'datatweets', bootstrapSuperuser: 'postgres' };
    expect(validateChange({ kind: 'dropRole', name: 'datatweets' }, withServer)).toEqual([
      { field: 'name', message: 'You are connected as "datatweets"; a role cannot drop itself. Connect as another role to drop it.' },
    ]);
    expect(fields({ kind: 'dropRole', name: 'postgres' }, withServer)).toEqual(['name']);
    expect(fields({ kind: 'dropRole', name: 'ghost' }, withServer)).toEqual(['name']);
    expect(fields({ kind: 'alterRole', name: 'postgres', superuser: false }, withServer)).toEqual(['superuser']);
    expect(fields({ kind: 'alterRole', name: 'postgres', createDb: false }, withServer)).toEqual([]);
    expect(fields({ kind: 'alterRole', name: 'datatweets', rename: 'owner' }, withServer)).toEqual(['rename']);
    expect(fields({ kind: 'alterRole', name: 'pg_monitor', login: true }, withServer)).toEqual(['name']);
    // Without those facts (an older caller), only what the change itself says is checked.
    expect(fields({ kind: 'dropRole', name: 'datatweets' })).toEqual([]);
  });

  it('checks every attribute alterRole can change', () => {
    const all = {
      kind: 'alterRole',
      name: 'data_viewer',
      rename: 'viewer',
      login: false,
      password: { kind: 'verifier', verifier },
      superuser: false,
      createDb: true,
      createRole: true,
      inherit: false,
      connectionLimit: 5,
      validUntil: null,
    };
    expect(fields(all)).toEqual([]);
    expect(fields({ ...all, password: { kind: 'verifier', verifier: 'plain' } })).toEqual(['password.verifier']);
    expect(fields({ ...all, connectionLimit: -5 })).toEqual(['connectionLimit']);
    expect(fields({ ...all, validUntil: 'soon' })).toEqual(['validUntil']);
    expect(fields({ ...all, rename: 'none' })).toEqual(['rename']);
  });

  it('checks grantees, databases and schemas', () => {
    expect(fields({ ...grantSales, grantee: { kind: 'role', name: 'ghost' } })).toEqual(['grantee.name']);
    expect(fields({ ...grantSales, grantee: { kind: 'public' } })).toEqual([]);
    expect(fields({ ...grantSales, grantee: { kind: 'everyone' } })).toEqual(['grantee.kind']);
    expect(fields({ ...grantSales, grantee: { kind: 'role', name: 'Public' } })).toEqual([]);
    expect(fields({ ...grantSales, database: 'nope' })).toEqual(['database']);
    const schemaWide = { kind: 'grantAllTablesInSchema', database: 'datatweets', schema: 'sales', privileges: ['SELECT'], grantee: { kind: 'public' } };
    expect(validateChange(schemaWide, ctx())).toEqual([{ field: 'schema', message: 'There is no schema named "sales" in "datatweets".' }]);
  });

  it('checks default privileges', () => {
    const adp = {
      kind: 'alterDefaultPrivileges',
      database: 'datatweets',
      forRole: 'datatweets',
      inSchema: 'public',
      objtype: 'tables',
      action: 'grant',
      privileges: ['SELECT'],
      grantee: { kind: 'role', name: 'readonly' },
    };
    expect(fields(adp)).toEqual([]);
    expect(fields({ ...adp, objtype: 'schemas', privileges: ['USAGE'] })).toEqual(['inSchema']);
    expect(fields({ ...adp, objtype: 'functions' })).toEqual(['privileges.0']);
    expect(fields({ ...adp, objtype: 'functions', privileges: ['EXECUTE'] })).toEqual([]);
    expect(fields({ ...adp, grantOptionFor: true })).toEqual(['grantOptionFor']);
    expect(fields({ ...adp, forRole: 'ghost' })).toEqual(['forRole']);
  });

  it('checks databases and schemas to create', () => {
    expect(fields({ kind: 'createDatabase', name: 'datatweets' })).toEqual(['name']);
    expect(fields({ kind: 'createDatabase', name: 'a\nb' })).toEqual(['name']);
    expect(fields({ kind: 'createDatabase', name: 'x', owner: 'ghost' })).toEqual(['owner']);
    expect(fields({ kind: 'createSchema', database: 'datatweets', name: 'pg_mine' })).toEqual(['name']);
    expect(fields({ kind: 'createSchema', database: 'datatweets', name: 'user_data' })).toEqual(['name']);
    expect(fields({ kind: 'createSchema', database: 'datatweets', name: 'Reports 2024', owner: 'datatweets' })).toEqual([]);
  });

  it('explains unknown kinds and missing fields', () => {
    expect(validateChange({ kind: 'grantEverything' }, ctx())).toEqual([{ field: 'kind', message: 'Unknown kind of change.' }]);
    expect(fields({ kind: 'dropRole' })).toEqual(['name']);
    expect(fields(null)).toEqual(['']);
  });
});

describe('validateChanges', () => {
  it('lets later changes use what earlier ones create', () => {
    const changes: ChangeInput[] = [
      createReportBot,
      { ...grantSales, grantee: { kind: 'role', name: 'report_bot' } },
      { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
      { kind: 'createSchema', database: 'analytics', name: 'reports' },
      { kind: 'grantSchema', database: 'analytics', schema: 'reports', privileges: ['USAGE'], grantee: { kind: 'role', name: 'report_bot' } },
    ];
    expect(validateChanges(changes, ctx())).toEqual([]);
  });

  it('tracks drops and renames, and reports the index', () => {
    const changes: ChangeInput[] = [
      { kind: 'dropRole', name: 'data_viewer' },
      { ...grantSales },
      { kind: 'alterRole', name: 'readonly', rename: 'readers' },
      { kind: 'addMember', group: 'readonly', member: 'datatweets' },
      createReportBot,
      createReportBot,
    ];
    expect(validateChanges(changes, ctx()).map((p) => [p.index, p.field])).toEqual([
      [1, 'grantee.name'],
      [3, 'group'],
      [5, 'name'],
    ]);
  });

  it('follows a rename of the bootstrap superuser and drops after REASSIGN/DROP OWNED', () => {
    const withServer = { ...ctx(), currentUser: 'datatweets', bootstrapSuperuser: 'postgres' };
    const changes: ChangeInput[] = [
      { kind: 'reassignOwned', database: 'datatweets', roles: ['readwrite'], newOwner: 'datatweets' },
      { kind: 'dropOwned', database: 'datatweets', roles: ['readwrite'] },
      { kind: 'dropRole', name: 'readwrite' },
      { kind: 'dropOwned', database: 'datatweets', roles: ['readwrite'] },
      { kind: 'alterRole', name: 'postgres', rename: 'root' },
      { kind: 'dropRole', name: 'root' },
    ];
    expect(validateChanges(changes, withServer).map((p) => [p.index, p.field])).toEqual([
      [3, 'roles.0'],
      [5, 'name'],
    ]);
  });
});
