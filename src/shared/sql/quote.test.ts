import { describe, expect, it } from 'vitest';
import { keywordsNeedingQuotes } from './keywords';
import {
  SqlQuoteError,
  identifierProblem,
  qualified,
  quoteGrantee,
  quoteIdent,
  quoteLiteral,
  quoteRole,
  utf8Length,
} from './quote';

describe('utf8Length', () => {
  it('counts what TextEncoder writes: ASCII, 2-, 3- and 4-byte characters, lone surrogates as U+FFFD', () => {
    const samples = ['', 'report_bot', 'é', 'ß€', '日本語', '😀', 'a😀b', '\uD800', '\uDC00x', 'x\uD83D', '\uDE00\uD83D', 'ÿ\u07FF\u0800\uFFFF'];
    const utf8 = new TextEncoder();
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(utf8.encode(s).length);
  });
});

describe('quoteIdent', () => {
  // Expected values are what PostgreSQL 18.4's quote_ident() returned for each input.
  const serverAnswers: [string, string][] = [
    ['report_bot', 'report_bot'],
    ['Report_Bot', '"Report_Bot"'],
    ['data viewer', '"data viewer"'],
    ['a"b', '"a""b"'],
    ['"', '""""'],
    ['my.table', '"my.table"'],
    ['my-role', '"my-role"'],
    ['a=b', '"a=b"'],
    ['a,b', '"a,b"'],
    ['café', '"café"'],
    ['😀', '"😀"'],
    ['user', '"user"'],
    ['select', '"select"'],
    ['order', '"order"'],
    ['public', 'public'],
    ['none', '"none"'],
    ['2fast', '"2fast"'],
    ['a$b', '"a$b"'],
    ['$a', '"$a"'],
    ['_x', '_x'],
    ['x1_$', '"x1_$"'],
    ['authorization', '"authorization"'],
    ['json', '"json"'],
    ['merge_action', '"merge_action"'],
    ['system_user', '"system_user"'],
    ['between', '"between"'],
    ['abort', 'abort'],
    ['current_user', '"current_user"'],
  ];
  it.each(serverAnswers)('quotes %j as the server does', (name, expected) => {
    expect(quoteIdent(name)).toBe(expected);
  });

  it('leaves unreserved keywords bare and quotes every other category', () => {
    expect(quoteIdent('database')).toBe('database');
    expect(quoteIdent('password')).toBe('password');
    expect(quoteIdent('table')).toBe('"table"');
    expect(quoteIdent('int')).toBe('"int"');
    expect(quoteIdent('left')).toBe('"left"');
  });

  it('holds the 164 non-unreserved keywords of PostgreSQL 18', () => {
    expect(keywordsNeedingQuotes.size).toBe(164);
    for (const word of keywordsNeedingQuotes) expect(word).toMatch(/^[a-z_]+$/);
  });

  it('keeps hostile punctuation inside one quoted identifier', () => {
    expect(quoteIdent('x"; DROP TABLE users; --')).toBe('"x""; DROP TABLE users; --"');
    expect(quoteIdent("it's")).toBe('"it\'s"');
    expect(quoteIdent('back\\slash')).toBe('"back\\slash"');
    expect(quoteIdent('line\nbreak')).toBe('"line\nbreak"');
  });

  it('accepts exactly 63 bytes of UTF-8, counting multibyte characters by bytes', () => {
    expect(quoteIdent('a'.repeat(63))).toBe('a'.repeat(63));
    expect(quoteIdent('€'.repeat(21))).toBe(`"${'€'.repeat(21)}"`); // 63 bytes
    expect(quoteIdent(`${'😀'.repeat(15)}abc`)).toBe(`"${'😀'.repeat(15)}abc"`); // 63 bytes
    expect(() => quoteIdent('a'.repeat(64))).toThrow(/64 bytes/);
    expect(() => quoteIdent('é'.repeat(32))).toThrow(/64 bytes long in UTF-8; PostgreSQL allows at most 63/);
    expect(() => quoteIdent('😀'.repeat(16))).toThrow(SqlQuoteError);
  });

  it('rejects empty names, NUL and broken UTF-16', () => {
    expect(() => quoteIdent('')).toThrow(SqlQuoteError);
    expect(() => quoteIdent('')).toThrow('The name is empty.');
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteIdent('a\uD800b')).toThrow(/surrogate/);
  });

  it('names the field in identifierProblem', () => {
    expect(identifierProblem('', 'role name')).toBe('The role name is empty.');
    expect(identifierProblem('ok')).toBeNull();
  });
});

describe('qualified', () => {
  it('quotes each part on its own', () => {
    expect(qualified('public', 'sales')).toBe('public.sales');
    expect(qualified('User Data', 'order')).toBe('"User Data"."order"');
    expect(qualified('a.b', 'c')).toBe('"a.b".c');
  });
});

describe('quoteLiteral', () => {
  it('doubles single quotes', () => {
    expect(quoteLiteral('abc')).toBe("'abc'");
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("''")).toBe("''''''");
    expect(quoteLiteral('')).toBe("''");
  });

  it('uses E-quoting when there is a backslash, so it reads the same whatever standard_conforming_strings says', () => {
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(quoteLiteral("\\'")).toBe("E'\\\\'''");
  });

  it('keeps non-ASCII text as it is', () => {
    expect(quoteLiteral('naïve 😀')).toBe("'naïve 😀'");
  });

  it('rejects NUL', () => {
    expect(() => quoteLiteral('a\0')).toThrow(SqlQuoteError);
  });
});

describe('roles and grantees', () => {
  it('quotes a role literally named public, and only that spelling', () => {
    expect(quoteRole('public')).toBe('"public"');
    expect(quoteRole('Public')).toBe('"Public"');
    expect(quoteRole('PUBLIC')).toBe('"PUBLIC"');
    expect(quoteRole('report_bot')).toBe('report_bot');
    expect(quoteRole('user')).toBe('"user"');
  });

  it('renders the PUBLIC pseudo-role as the keyword', () => {
    expect(quoteGrantee({ kind: 'public' })).toBe('PUBLIC');
    expect(quoteGrantee({ kind: 'role', name: 'public' })).toBe('"public"');
    expect(quoteGrantee({ kind: 'role', name: 'Data Viewer' })).toBe('"Data Viewer"');
  });
});
