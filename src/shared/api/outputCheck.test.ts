import { describe, expect, it } from 'vitest';
import { catalogSnapshotSchema } from '../catalog/snapshot';
import { checkOutput } from './outputCheck';

const snapshot = {
  serverMajor: 17,
  database: { oid: 5, name: 'db', owner: 10, datacl: null },
  roles: [],
  memberships: [],
  schemas: [{ oid: 2200, name: 'public', owner: 10, nspacl: null }],
  relations: [{ oid: 16384, schemaOid: 2200, name: 'users', kind: 'r', owner: 10, relacl: null, extra: 'dropped' }],
  defaultAcls: [],
};

describe('checkOutput (the reply check both sides of the transport run)', () => {
  it('checks a catalog with the fast check: what zod returns for a valid one, unknown keys stripped', () => {
    const checked = checkOutput('catalog.load', snapshot);
    expect(checked).toEqual({ success: true, data: catalogSnapshotSchema.parse(snapshot) });
    expect(checked.success && checked.data.relations[0]).not.toHaveProperty('extra');
  });

  it('refuses a catalog zod refuses, without throwing', () => {
    for (const bad of [null, { ...snapshot, relations: [{ ...snapshot.relations[0], kind: 'i' }] }, { ...snapshot, serverMajor: 13 }, { ...snapshot, relations: 'none' }]) {
      expect(catalogSnapshotSchema.safeParse(bad).success).toBe(false);
      expect(checkOutput('catalog.load', bad).success).toBe(false);
    }
  });

  it('checks other methods with their zod schema', () => {
    expect(checkOutput('tree.schemas', { schemas: [{ name: 'public', owner: 'postgres' }] })).toEqual({ success: true, data: { schemas: [{ name: 'public', owner: 'postgres' }] } });
    expect(checkOutput('tree.schemas', { schemas: [{ name: 'public' }] }).success).toBe(false);
  });
});
