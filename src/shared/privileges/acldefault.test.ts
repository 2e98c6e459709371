import { describe, expect, it } from 'vitest';
import type { AclObjectType } from './acldefault';
import { acldefault, relationAclObjectType } from './acldefault';
import { PUBLIC_OID } from './aclResolve';
import { formatAclArray } from './aclitem';

/** Prints acldefault with oid 10 named postgres, to compare with `select acldefault(t, 10)`. */
const text = (objtype: AclObjectType, major: number): string =>
  formatAclArray(
    acldefault(objtype, 10, major).map((e) => ({
      grantee: e.grantee === PUBLIC_OID ? null : 'postgres',
      grantor: 'postgres',
      privileges: e.privileges,
      grantOptions: e.grantOptions,
    })),
  );

describe('acldefault', () => {
  it('matches the server for relations, sequences, schemas and databases (checked on 15 and 18)', () => {
    expect(text('r', 15)).toBe('{postgres=arwdDxt/postgres}');
    expect(text('r', 18)).toBe('{postgres=arwdDxtm/postgres}');
    expect(text('s', 15)).toBe('{postgres=rwU/postgres}');
    expect(text('n', 18)).toBe('{postgres=UC/postgres}');
    expect(text('d', 15)).toBe('{=Tc/postgres,postgres=CTc/postgres}');
  });

  it('gives PUBLIC EXECUTE on functions, USAGE on types and languages', () => {
    expect(text('f', 16)).toBe('{=X/postgres,postgres=X/postgres}');
    expect(text('T', 16)).toBe('{=U/postgres,postgres=U/postgres}');
    expect(text('l', 16)).toBe('{=U/postgres,postgres=U/postgres}');
  });

  it('covers the other object types', () => {
    expect(text('c', 16)).toBe('{}');
    expect(text('L', 16)).toBe('{postgres=rw/postgres}');
    expect(text('t', 16)).toBe('{postgres=C/postgres}');
    expect(text('F', 16)).toBe('{postgres=U/postgres}');
    expect(text('S', 16)).toBe('{postgres=U/postgres}');
    expect(text('p', 16)).toBe('{postgres=sA/postgres}');
  });

  it('shows the owner without grant options: those are implicit', () => {
    expect(acldefault('r', 10, 17).every((e) => e.grantOptions === 0)).toBe(true);
  });

  it('uses the sequence default for relkind S and the table default for every other kind', () => {
    expect(relationAclObjectType('S')).toBe('s');
    for (const k of ['r', 'v', 'm', 'f', 'p'] as const) expect(relationAclObjectType(k)).toBe('r');
  });
});
