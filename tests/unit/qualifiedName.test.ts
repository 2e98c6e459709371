import { describe, expect, it } from 'vitest';
import { parseQualifiedName } from '../../src/main/backend/whyNot/proveWhyNot';

describe('cli why --table', () => {
  it('reads schema.table with either part quoted', () => {
    expect(parseQualifiedName('public.users')).toEqual({ schema: 'public', table: 'users' });
    expect(parseQualifiedName('"App.Data"."T 0"')).toEqual({ schema: 'App.Data', table: 'T 0' });
    expect(parseQualifiedName('"a""b".c')).toEqual({ schema: 'a"b', table: 'c' });
  });
  it('refuses anything else', () => {
    for (const bad of ['users', 'a.b.c', '"open.t', '.t', 's.']) expect(parseQualifiedName(bad), bad).toBeNull();
  });
});
