import { describe, expect, it } from 'vitest';
import { changeSchema } from '../../src/shared/changes/schema';
import { psqlConnect, renderScript } from '../../src/shared/sql/render';
import { connstringDatabase, parsePsqlBool, parseScript, splitMetaArgs, UnsupportedScriptError } from '../support/scriptRunner';

const connects = (script: string) => parseScript(script).filter((i) => i.kind === 'connect').map((i) => i.database);
const sql = (script: string) => parseScript(script).flatMap((i) => (i.kind === 'sql' ? [i.sql] : []));

describe('the script runner reads psql scripts as psql does', () => {
  it('reads \\connect arguments: bare, double-quoted ("" is one "), never downcased', () => {
    expect(connects('\\connect datatweets\n')).toEqual(['datatweets']);
    expect(connects('\\c "Reports.2025"\n')).toEqual(['Reports.2025']);
    expect(connects('\\connect MixedCase\n')).toEqual(['MixedCase']);
    expect(connects('\\connect "a ""b"" c"\n')).toEqual(['a "b" c']);
    expect(connects('\\connect -\n\\connect\n')).toEqual([null, null]);
    expect(connects('\\connect "-"\n')).toEqual(['-']);
  });

  it('reads a \\connect connection string with -reuse-previous=on, unescaping libpq quoting', () => {
    expect(connects(`\\connect -reuse-previous=on "dbname='Ana\\'s ""db"" = 1'"\n`)).toEqual([`Ana's "db" = 1`]);
    expect(connects(`\\connect -reuse-previous=on "dbname='C:\\\\temp\\\\db'"\n`)).toEqual(['C:\\temp\\db']);
    expect(connects(`\\connect -reuse-previous=on "dbname='postgresql://evil/db'"\n`)).toEqual(['postgresql://evil/db']);
    expect(connects(`\\connect -reuse-previous=on dbname=plain\n`)).toEqual(['plain']);
    expect(connstringDatabase(`dbname = 'a b'`, 1)).toBe('a b');
  });

  it('agrees with renderScript on every hostile database name', () => {
    const hostile = ['datatweets', 'Reports.2025', 'UPPER', `Ana's "db" = 1, ok 🚀`, 'C:\\temp\\db', 'postgresql://evil/db', 'a=b', ' lead', "'", '"', '\\', 'x -reuse-previous=off'];
    for (const name of hostile) expect(connects(`${psqlConnect(name)}\n`)).toEqual([name]);
    const changes = hostile.map((database) =>
      changeSchema.parse({ kind: 'createSchema', database, name: 's' }),
    );
    const script = renderScript(changes, { serverMajor: 18, serverVersion: '18.0', connectedDatabase: 'postgres', host: 'h', generatedAt: 'now' });
    expect(connects(script)).toEqual(hostile);
  });

  it('refuses what it does not implement instead of guessing', () => {
    const refused = [
      '\\connect dbname=x\n', // a connection string without -reuse-previous=on drops host and port
      '\\connect -reuse-previous=on "host=evil dbname=x"\n',
      '\\connect -reuse-previous=on postgresql://h/db\n',
      '\\connect db user\n',
      '\\connect `echo db`\n',
      '\\connect :DBNAME\n',
      '\\set AUTOCOMMIT off\n',
      '\\i other.sql\n',
      '\\gexec\n',
      'SELECT 1 \\g\n',
      'SELECT :USER;\n',
      "SELECT :'USER';\n",
      'SELECT $$unterminated;\n',
    ];
    for (const script of refused) expect(() => parseScript(script), script).toThrow(UnsupportedScriptError);
  });

  it('sets ON_ERROR_STOP with psql booleans', () => {
    expect(parseScript('\\set ON_ERROR_STOP on\n')).toEqual([{ kind: 'set', name: 'ON_ERROR_STOP', value: 'on', line: 1 }]);
    expect(['on', 'true', 't', 'yes', '1', 'ON'].map(parsePsqlBool)).toEqual([true, true, true, true, true, true]);
    expect(['off', 'of', 'false', 'no', '0'].map(parsePsqlBool)).toEqual([false, false, false, false, false]);
    expect(['o', '', 'maybe'].map(parsePsqlBool)).toEqual([null, null, null]);
  });

  it('ends statements at ; outside quotes, comments, dollar quotes and parentheses', () => {
    const script = [
      '-- a comment; not a statement',
      'BEGIN;',
      `GRANT SELECT ("a;b", c) ON TABLE "x;y"."z" TO "O'Brien";`,
      "COMMENT ON ROLE r IS 'it''s; fine';",
      "COMMENT ON ROLE r IS E'back\\\\slash\\'; still';",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;',
      '/* block; /* nested; */ still */ SELECT 1::int;',
      'COMMIT;',
      'SELECT 2',
    ].join('\n');
    expect(sql(script)).toEqual([
      'BEGIN;',
      `GRANT SELECT ("a;b", c) ON TABLE "x;y"."z" TO "O'Brien";`,
      "COMMENT ON ROLE r IS 'it''s; fine';",
      "COMMENT ON ROLE r IS E'back\\\\slash\\'; still';",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;',
      '/* block; /* nested; */ still */ SELECT 1::int;',
      'COMMIT;',
      'SELECT 2',
    ]);
  });

  it('treats backslashes and colons inside quotes as text, and tracks line numbers', () => {
    const items = parseScript("SELECT 'a\\b', '\\connect x', \"col:name\";\n\n\\connect \"d\"\nSELECT\n 1;\n");
    expect(items).toEqual([
      { kind: 'sql', sql: "SELECT 'a\\b', '\\connect x', \"col:name\";", line: 1 },
      { kind: 'connect', database: 'd', line: 3 },
      { kind: 'sql', sql: 'SELECT\n 1;', line: 4 },
    ]);
  });

  it('splits meta-command arguments with single quotes and refuses unknown escapes', () => {
    expect(splitMetaArgs(` 'it''s' "q" bare`, 1)).toEqual([
      { value: "it's", quoted: true },
      { value: 'q', quoted: true },
      { value: 'bare', quoted: false },
    ]);
    expect(() => splitMetaArgs(`'\\n'`, 1)).toThrow(UnsupportedScriptError);
  });
});
