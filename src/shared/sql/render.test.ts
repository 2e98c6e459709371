import { describe, expect, it } from 'vitest';
import { changeSchema, type Change, type ChangeInput } from '../changes/schema';
import { RenderError, psqlConnect, renderScript, renderStatements } from './render';

// A verifier PostgreSQL 15 stored (see tests/unit/scram.test.ts); its password is not r3p0rt.
const verifier =
  'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=';

const parse = (inputs: ChangeInput[]): Change[] => inputs.map((c) => changeSchema.parse(c));
const role = (name: string) => ({ kind: 'role' as const, name });

/** The lesson's exercises, as the forms would stage them. */
const lesson: ChangeInput[] = [
  { kind: 'alterRole', name: 'data_viewer', superuser: false },
  {
    kind: 'createRole',
    name: 'report_bot',
    login: true,
    password: { kind: 'verifier', verifier },
    superuser: false,
    createDb: false,
    createRole: false,
    inherit: true,
  },
  { kind: 'revokeTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: 'ALL', grantee: role('report_bot') },
  { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
  { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
  // The readonly template for schema user_data, whose tables datatweets creates.
  { kind: 'grantSchema', database: 'datatweets', schema: 'user_data', privileges: ['USAGE'], grantee: role('readonly') },
  { kind: 'grantAllTablesInSchema', database: 'datatweets', schema: 'user_data', privileges: ['SELECT'], grantee: role('readonly') },
  {
    kind: 'alterDefaultPrivileges',
    database: 'datatweets',
    forRole: 'datatweets',
    inSchema: 'user_data',
    objtype: 'tables',
    action: 'grant',
    privileges: ['SELECT'],
    grantee: role('readonly'),
  },
];

const header = (server: string, database: string) =>
  [
    '-- Warden change script',
    `-- Server:    ${server}`,
    `-- Database:  ${database}`,
    '-- Generated: 2025-03-04T05:06:07.000Z',
    '-- Run it with psql, connected to the database above and not in single-transaction mode (-1).',
    '',
    '\\set ON_ERROR_STOP on',
    "SET client_encoding = 'UTF8';",
  ].join('\n');

const options = {
  serverMajor: 15,
  serverVersion: '15.8',
  connectedDatabase: 'datatweets',
  host: 'localhost',
  generatedAt: new Date(Date.UTC(2025, 2, 4, 5, 6, 7)),
};

/** The header of a script whose passwords were left out. */
const headerWithoutPasswords = (server: string, database: string) =>
  header(server, database).replace(
    '(-1).\n',
    "(-1).\n-- Passwords are left out (see the notes below); set each one with psql's \\password after the script.\n",
  );

describe('renderScript: the lesson', () => {
  it('renders the exercises as one reviewed script, without the password verifier by default', () => {
    expect(renderScript(parse(lesson), options)).toBe(
      `${headerWithoutPasswords('localhost, PostgreSQL 15.8', 'datatweets')}

BEGIN;
ALTER ROLE data_viewer NOSUPERUSER;
CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;
-- Password left out: this script holds no password verifier (one can be attacked offline).
-- Once the script has run, set it in psql with:  \\password report_bot
REVOKE ALL ON TABLE public.sales FROM report_bot;
GRANT SELECT ON TABLE public.sales TO report_bot;
COMMIT;

-- CREATE DATABASE cannot run inside a transaction block.
CREATE DATABASE analytics OWNER postgres;

BEGIN;
REVOKE CONNECT, TEMPORARY ON DATABASE analytics FROM PUBLIC;
GRANT USAGE ON SCHEMA user_data TO readonly;
GRANT SELECT ON ALL TABLES IN SCHEMA user_data TO readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE datatweets IN SCHEMA user_data GRANT SELECT ON TABLES TO readonly;
COMMIT;
`,
    );
  });

  it('puts only the verifier into the script when asked to, never the password', () => {
    const script = renderScript(parse(lesson), { ...options, passwords: 'include' });
    expect(script).not.toContain('r3p0rt');
    expect(script).not.toContain('left out');
    expect(script).toContain(`CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD '${verifier}';\nREVOKE ALL`);
    expect(script.match(/PASSWORD '[^']*'/g)).toEqual([`PASSWORD '${verifier}'`]);
  });
});

describe('renderScript: hostile names across databases', () => {
  const db = 'Sales "EU" = 2024';
  const owner = "O'Brien \"dev\"";
  const changes: ChangeInput[] = [
    { kind: 'createDatabase', name: db, owner },
    { kind: 'createSchema', database: db, name: 'user data', owner },
    { kind: 'grantSchema', database: db, schema: 'user data', privileges: ['USAGE'], grantee: role('public') },
    {
      kind: 'grantTable',
      database: db,
      schema: 'user data',
      table: 'order',
      privileges: ['SELECT', 'UPDATE'],
      columns: ['Total €', 'a,b'],
      grantee: { kind: 'public' },
    },
    {
      kind: 'alterDefaultPrivileges',
      database: db,
      forRole: owner,
      inSchema: 'user data',
      objtype: 'tables',
      action: 'grant',
      privileges: ['SELECT'],
      grantee: role('select'),
    },
    { kind: 'grantDatabase', database: db, privileges: ['CONNECT'], grantee: role('Public') },
    { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('user') },
    { kind: 'addMember', group: 'readonly', member: owner, inherit: true, set: false },
  ];

  it('quotes every name and moves between databases with \\connect', () => {
    const script = renderScript(parse(changes), {
      ...options,
      serverMajor: 16,
      serverVersion: '16.4',
      host: 'db\n-- evil',
      connectedDatabase: 'datatweets',
    });
    expect(script).toBe(
      `${header('db?-- evil, PostgreSQL 16.4', 'datatweets')}

-- CREATE DATABASE cannot run inside a transaction block.
CREATE DATABASE "Sales ""EU"" = 2024" OWNER "O'Brien ""dev""";

BEGIN;
REVOKE CONNECT, TEMPORARY ON DATABASE "Sales ""EU"" = 2024" FROM PUBLIC;
COMMIT;

\\connect -reuse-previous=on "dbname='Sales ""EU"" = 2024'"
SET client_encoding = 'UTF8';

BEGIN;
CREATE SCHEMA "user data" AUTHORIZATION "O'Brien ""dev""";
GRANT USAGE ON SCHEMA "user data" TO "public";
GRANT SELECT ("Total €", "a,b"), UPDATE ("Total €", "a,b") ON TABLE "user data"."order" TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE "O'Brien ""dev""" IN SCHEMA "user data" GRANT SELECT ON TABLES TO "select";
GRANT CONNECT ON DATABASE "Sales ""EU"" = 2024" TO "Public";
COMMIT;

\\connect datatweets
SET client_encoding = 'UTF8';

BEGIN;
GRANT SELECT ON TABLE public.sales TO "user";
GRANT readonly TO "O'Brien ""dev""" WITH INHERIT TRUE, SET FALSE;
COMMIT;
`,
    );
  });

  it('says so when there is nothing to do', () => {
    expect(renderScript([], options)).toBe(`${header('localhost, PostgreSQL 15.8', 'datatweets')}\n\n-- No changes.\n`);
  });
});

describe('renderScript: dropping a role with hostile names', () => {
  const doomed = 'Temp "Owner"-é';
  const heir = "O'Brien";
  const otherDb = 'Sales "EU" = 2024';
  const changes: ChangeInput[] = [
    { kind: 'reassignOwned', database: otherDb, roles: [doomed], newOwner: heir },
    { kind: 'dropOwned', database: otherDb, roles: [doomed] },
    { kind: 'reassignOwned', database: 'datatweets', roles: [doomed, 'select'], newOwner: 'public user' },
    { kind: 'dropOwned', database: 'datatweets', roles: [doomed, 'select'], cascade: true },
    { kind: 'dropRole', name: doomed },
    { kind: 'alterRole', name: 'user', rename: 'Ünïcode "x"', connectionLimit: 3, validUntil: '2030-01-31T00:00:00Z', password: { kind: 'verifier', verifier } },
  ];

  it('runs REASSIGN and DROP OWNED inside each database, then DROP ROLE', () => {
    expect(renderScript(parse(changes), options)).toBe(
      `${headerWithoutPasswords('localhost, PostgreSQL 15.8', 'datatweets')}

\\connect -reuse-previous=on "dbname='Sales ""EU"" = 2024'"
SET client_encoding = 'UTF8';

BEGIN;
REASSIGN OWNED BY "Temp ""Owner""-é" TO "O'Brien";
DROP OWNED BY "Temp ""Owner""-é";
COMMIT;

\\connect datatweets
SET client_encoding = 'UTF8';

BEGIN;
REASSIGN OWNED BY "Temp ""Owner""-é", "select" TO "public user";
DROP OWNED BY "Temp ""Owner""-é", "select" CASCADE;
DROP ROLE "Temp ""Owner""-é";
ALTER ROLE "user" CONNECTION LIMIT 3 VALID UNTIL '2030-01-31T00:00:00Z';
ALTER ROLE "user" RENAME TO "Ünïcode ""x""";
-- Password left out: this script holds no password verifier (one can be attacked offline).
-- Once the script has run, set it in psql with:  \\password "Ünïcode ""x"""
COMMIT;
`,
    );
  });
});

describe('renderScript: passwords left out', () => {
  const setOnly: ChangeInput = { kind: 'alterRole', name: 'Report Bot', password: { kind: 'verifier', verifier } };
  const cleared: ChangeInput = { kind: 'alterRole', name: 'x', password: { kind: 'none' } };

  it('keeps a note where an ALTER ROLE only set a password, and no statement', () => {
    const script = renderScript(parse([setOnly]), options);
    expect(script).not.toContain('ALTER ROLE');
    expect(script).not.toContain('SCRAM-SHA-256');
    expect(script).not.toContain('BEGIN;');
    expect(script).toContain('set it in psql with:  \\password "Report Bot"\n');
    expect(renderScript(parse([setOnly]), { ...options, passwords: 'include' })).toContain(`ALTER ROLE "Report Bot" PASSWORD '${verifier}';`);
  });

  it('still writes PASSWORD NULL, which holds no secret', () => {
    const script = renderScript(parse([cleared]), options);
    expect(script).toContain('ALTER ROLE x PASSWORD NULL;');
    expect(script).not.toContain('left out');
  });

  it('never writes a control character of a name into a comment', () => {
    const script = renderScript(parse([{ kind: 'createRole', name: 'a\rb', login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true }]), options);
    expect(script).toContain("set it in psql with:  \\password followed by the role's name");
    expect(script.split('\n').filter((l) => l.startsWith('--')).join('')).not.toContain('\r');
  });
});

describe('psqlConnect', () => {
  it('writes plain names as identifiers and everything else as a quoted connection string', () => {
    expect(psqlConnect('analytics')).toBe('\\connect analytics');
    expect(psqlConnect('Analytics')).toBe('\\connect "Analytics"');
    expect(psqlConnect('my.db')).toBe('\\connect "my.db"');
    expect(psqlConnect('a=b')).toBe(`\\connect -reuse-previous=on "dbname='a=b'"`);
    expect(psqlConnect('postgresql://x')).toBe(`\\connect -reuse-previous=on "dbname='postgresql://x'"`);
    expect(psqlConnect("it's\\")).toBe(`\\connect -reuse-previous=on "dbname='it\\'s\\\\'"`);
    expect(psqlConnect('café :x')).toBe(`\\connect -reuse-previous=on "dbname='café :x'"`);
  });

  it('refuses line breaks, which no psql argument can carry', () => {
    expect(() => psqlConnect('a\nb')).toThrow(RenderError);
  });
});

describe('renderStatements', () => {
  it('ends every statement with a semicolon and no newline', () => {
    for (const change of parse(lesson)) {
      for (const sql of renderStatements(change, 15)) expect(sql).toMatch(/;$/);
    }
  });

  it('keeps CREATE DATABASE apart from the PUBLIC revoke, which can be switched off', () => {
    const [withRevoke, without] = parse([
      { kind: 'createDatabase', name: 'analytics' },
      { kind: 'createDatabase', name: 'analytics', revokePublicConnect: false },
    ]);
    if (withRevoke === undefined || without === undefined) throw new Error('parse failed');
    expect(renderStatements(withRevoke, 14)).toEqual([
      'CREATE DATABASE analytics;',
      'REVOKE CONNECT, TEMPORARY ON DATABASE analytics FROM PUBLIC;',
    ]);
    expect(renderStatements(without, 14)).toEqual(['CREATE DATABASE analytics;']);
  });
});
