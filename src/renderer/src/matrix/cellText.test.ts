import { describe, expect, it } from 'vitest';
import { DELETE, INSERT, SELECT, UPDATE } from '../../../shared/privileges/bits';
import { cellLetters, cellName } from './cellText';

describe('cell text', () => {
  const plain = { privileges: SELECT | INSERT | UPDATE | DELETE, grantable: 0, superuser: false, owner: false };
  it('shows aclitem letters in psql order with * for grant options', () => {
    expect(cellLetters(plain)).toBe('arwd');
    expect(cellLetters({ ...plain, grantable: SELECT })).toBe('ar*wd');
  });
  it('names cells in plain words for screen readers', () => {
    expect(cellName('readwrite', 'public.users', plain)).toBe('readwrite on public.users: SELECT INSERT UPDATE DELETE');
    expect(cellName('x', 'public.t', { ...plain, privileges: 0 })).toBe('x on public.t: no privileges');
    expect(cellName('o', 'public.t', { ...plain, grantable: plain.privileges, owner: true })).toBe('o on public.t: SELECT INSERT UPDATE DELETE, all with grant option, owner');
    expect(cellName('data_viewer', 'public.users', { ...plain, superuser: true })).toMatch(/^data_viewer on public.users: superuser, bypasses every check/);
  });
});
