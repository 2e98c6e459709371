import { describe, expect, it } from 'vitest';
import type { AclItem } from './aclitem';
import { AclParseError, formatAclArray, formatAclItem, parseAclArray, parseAclItem, quoteAclName } from './aclitem';
import { DELETE, INSERT, MAINTAIN, SELECT, UPDATE, USAGE, formatPrivilegeLetters, relationRights } from './bits';

// Printed by PostgreSQL 15.18 (`select relacl from pg_class`), hostile role names granted SELECT.
const pg15 =
  '{postgres=arwdDxt/postgres,Public=a*r/postgres,"\\"we\\"\\"ird=x\\"=r/postgres",' +
  '"\\"a b,c/d=e.f-g\\\\h\\"=r/postgres","\\"😀émoji\\"=r/postgres",12345=r/postgres,NULL=r/postgres,=r/postgres}';

// Printed by PostgreSQL 18.4 for more hostile names (a tab inside one).
const pg18 =
  '{postgres=arwdDxtm/postgres,"\\"x\\"\\"\\"=a*r*/postgres","\\"\\"\\"x\\"=a*r*/postgres","\\" \\"=a*r*/postgres",' +
  '"\\"{}\\"=a*r*/postgres","\\"a*b\\"=a*r*/postgres","\\"tab\tx\\"=a*r*/postgres",' +
  '"\\"ééééééééééééééééééééééééééééééé\\"=w/postgres",' +
  'abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123=w/postgres,PUBLIC=w/postgres,group=w/postgres,' +
  '"\\"NoLogin.Role-1\\"=r/\\"x\\"\\"\\""}';

const grantees = (text: string): (string | null)[] => parseAclArray(text).map((i) => i.grantee);

describe('parseAclArray on real server output', () => {
  it('reads PostgreSQL 15 output with quoted, escaped and odd names', () => {
    expect(grantees(pg15)).toEqual(['postgres', 'Public', 'we"ird=x', 'a b,c/d=e.f-g\\h', '😀émoji', '12345', 'NULL', null]);
    const items = parseAclArray(pg15);
    expect(items[0]).toEqual({ grantee: 'postgres', grantor: 'postgres', privileges: relationRights(16), grantOptions: 0 });
    expect(items[1]).toEqual({ grantee: 'Public', grantor: 'postgres', privileges: INSERT | SELECT, grantOptions: INSERT });
  });

  it('reads PostgreSQL 18 output: MAINTAIN, names starting or ending with quotes, quoted grantor', () => {
    expect(grantees(pg18)).toEqual([
      'postgres',
      'x"',
      '"x',
      ' ',
      '{}',
      'a*b',
      'tab\tx',
      'ééééééééééééééééééééééééééééééé',
      'abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123',
      'PUBLIC',
      'group',
      'NoLogin.Role-1',
    ]);
    const items = parseAclArray(pg18);
    expect(items[0]?.privileges).toBe(relationRights(17));
    expect((items[0]?.privileges ?? 0) & MAINTAIN).toBe(MAINTAIN);
    expect(items[1]?.grantOptions).toBe(INSERT | SELECT);
    expect(items.at(-1)?.grantor).toBe('x"');
  });

  it('reads a role named "" (printed by PG 18 as six quotes)', () => {
    expect(grantees('{postgres=arwdDxtm/postgres,"\\"\\"\\"\\"\\"\\"=r/postgres"}')).toEqual(['postgres', '""']);
  });

  it('round-trips both outputs through formatAclArray byte for byte', () => {
    expect(formatAclArray(parseAclArray(pg15))).toBe(pg15);
    expect(formatAclArray(parseAclArray(pg18))).toBe(pg18);
  });
});

describe('PUBLIC versus roles named like it', () => {
  it('an empty grantee is PUBLIC (null)', () => {
    expect(parseAclItem('=r/postgres').grantee).toBeNull();
  });

  it('a role spelled public in any case is a role, not PUBLIC', () => {
    // why: CREATE ROLE "public" fails ("role name "public" is reserved", checked on 15 and 18),
    // so `public=` can only come from a role; "Public"/"PUBLIC" are ordinary roles.
    expect(parseAclItem('public=r/postgres').grantee).toBe('public');
    expect(parseAclItem('"public"=r/postgres').grantee).toBe('public');
    expect(parseAclItem('PUBLIC=w/postgres').grantee).toBe('PUBLIC');
  });
});

describe('hostile names round-trip', () => {
  const names = [
    'plain_name',
    'Capital',
    'with space',
    'dot.ted',
    'da-sh',
    'eq=ual',
    'sl/ash',
    'com,ma',
    'star*',
    'quo"te',
    '"leading',
    'trailing"',
    '""',
    'back\\slash',
    '\\',
    'brace{',
    '}',
    '😀',
    'émoji 😀 "mix" =/,*',
    '12345',
    'NULL',
    'group',
    'user',
    ' ',
    'a'.repeat(63),
    'é'.repeat(31),
  ];
  for (const name of names) {
    it(`keeps ${JSON.stringify(name)} as grantee and grantor`, () => {
      const item: AclItem = { grantee: name, grantor: name, privileges: SELECT | UPDATE, grantOptions: SELECT };
      const array = formatAclArray([item, { grantee: null, grantor: name, privileges: SELECT, grantOptions: 0 }]);
      expect(parseAclArray(array)).toEqual([item, { grantee: null, grantor: name, privileges: SELECT, grantOptions: 0 }]);
    });
  }

  it('quotes exactly like putid: only ASCII alnum and _ stay bare', () => {
    expect(quoteAclName('abc_DEF_123')).toBe('abc_DEF_123');
    expect(quoteAclName('a b')).toBe('"a b"');
    expect(quoteAclName('q"q')).toBe('"q""q"');
    expect(quoteAclName('é')).toBe('"é"');
  });
});

describe('parseAclItem details', () => {
  it('reads grant options on any letter', () => {
    const arwd = INSERT | SELECT | UPDATE | DELETE;
    expect(parseAclItem('u=a*r*w*d*/o')).toMatchObject({ privileges: arwd, grantOptions: arwd });
    expect(parseAclItem('u=U*/o')).toMatchObject({ privileges: USAGE, grantOptions: USAGE });
  });

  it('reads an entry with no privileges and letters of every object type', () => {
    expect(parseAclItem('u=/o').privileges).toBe(0);
    const all = parseAclItem('u=arwdDxtXUCTcsAm/o').privileges;
    expect(formatPrivilegeLetters(all, 0)).toBe('arwdDxtXUCTcsAm');
  });

  it('accepts the old "group"/"user" key words that aclitemin still takes', () => {
    expect(parseAclItem('group staff=r/o').grantee).toBe('staff');
    expect(parseAclItem('user "a b"=r/o').grantee).toBe('a b');
  });

  it('formats back exactly', () => {
    expect(formatAclItem({ grantee: null, grantor: 'postgres', privileges: SELECT, grantOptions: 0 })).toBe('=r/postgres');
    expect(formatAclItem({ grantee: 'a b', grantor: 'o', privileges: SELECT, grantOptions: SELECT })).toBe('"a b"=r*/o');
  });

  it('rejects malformed items with a position', () => {
    expect(() => parseAclItem('alice')).toThrow(AclParseError);
    expect(() => parseAclItem('alice=r')).toThrow(/grantor/);
    expect(() => parseAclItem('alice=r/')).toThrow(/name must follow/);
    expect(() => parseAclItem('alice=rq/o')).toThrow(/Invalid privilege letter "q"/);
    expect(() => parseAclItem('"alice=r/o')).toThrow(/Unterminated/);
    expect(() => parseAclItem('alice=r/o junk')).toThrow(/Extra text/);
  });
});

describe('parseAclArray details', () => {
  it('reads empty arrays, spaces and a non-default lower bound', () => {
    expect(parseAclArray('{}')).toEqual([]);
    expect(parseAclArray(' { } ')).toEqual([]);
    expect(grantees('{ a=r/o , "\\"b c\\"=r/o" }')).toEqual(['a', 'b c']);
    expect(grantees('[0:1]={a=r/o,=r/o}')).toEqual(['a', null]);
  });

  it('rejects what is not an aclitem[]', () => {
    expect(() => parseAclArray('')).toThrow(AclParseError);
    expect(() => parseAclArray('a=r/o')).toThrow(/starts with/);
    expect(() => parseAclArray('{a=r/o')).toThrow(AclParseError);
    expect(() => parseAclArray('{a=r/o}x')).toThrow(/Extra text/);
    expect(() => parseAclArray('{NULL}')).toThrow(/NULL/);
    expect(() => parseAclArray('{a=r/o,,b=r/o}')).toThrow(AclParseError);
    expect(() => parseAclArray('{"a=r/o}')).toThrow(/Unterminated/);
  });
});
