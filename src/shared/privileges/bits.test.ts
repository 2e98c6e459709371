import { describe, expect, it } from 'vitest';
import {
  CONNECT,
  INSERT,
  MAINTAIN,
  SELECT,
  TEMPORARY,
  UPDATE,
  USAGE,
  bitForLetter,
  bitForName,
  bitsOf,
  formatPrivilegeLetters,
  namesOf,
  privilegeLetters,
  relationRights,
  relevantRelationRights,
  sequenceRights,
} from './bits';

describe('privilege bits', () => {
  it('numbers letters like PostgreSQL AclMode (ACL_ALL_RIGHTS_STR order)', () => {
    expect(privilegeLetters).toBe('arwdDxtXUCTcsAm');
    expect(bitForLetter('a')).toBe(INSERT);
    expect(bitForLetter('r')).toBe(SELECT);
    expect(bitForLetter('m')).toBe(MAINTAIN);
    expect(bitForLetter('T')).toBe(TEMPORARY);
    expect(bitForLetter('c')).toBe(CONNECT);
    expect(bitForLetter('z')).toBe(0);
    expect(bitForLetter('ar')).toBe(0);
  });

  it('maps SQL names, case-insensitive, TEMP as TEMPORARY', () => {
    expect(bitForName('select')).toBe(SELECT);
    expect(bitForName(' Usage ')).toBe(USAGE);
    expect(bitForName('TEMP')).toBe(TEMPORARY);
    expect(bitForName('ALTER SYSTEM')).toBe(1 << 13);
    expect(bitForName('DROP')).toBe(0);
  });

  it('lists names and bits of a mask in bit order', () => {
    expect(namesOf(SELECT | INSERT | MAINTAIN)).toEqual(['INSERT', 'SELECT', 'MAINTAIN']);
    expect(bitsOf(UPDATE | INSERT)).toEqual([INSERT, UPDATE]);
  });

  it('prints letters with a star after each grantable one', () => {
    expect(formatPrivilegeLetters(INSERT | SELECT | UPDATE, SELECT)).toBe('ar*w');
    expect(formatPrivilegeLetters(relationRights(17), 0)).toBe('arwdDxtm');
  });

  it('knows which privileges each relkind has, MAINTAIN from 17', () => {
    expect(formatPrivilegeLetters(relationRights(16), 0)).toBe('arwdDxt');
    expect(relevantRelationRights('v', 17) & MAINTAIN).toBe(MAINTAIN);
    expect(relevantRelationRights('S', 17)).toBe(sequenceRights);
    expect(formatPrivilegeLetters(sequenceRights, 0)).toBe('rwU');
  });
});
