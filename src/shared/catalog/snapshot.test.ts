import { describe, expect, it } from 'vitest';
import { catalogSnapshotSchema } from './snapshot';

const minimal = {
  serverMajor: 16,
  database: { oid: 5, name: 'db', owner: 10, datacl: null },
  roles: [
    {
      oid: 10,
      name: 'postgres',
      superuser: true,
      inherit: true,
      canLogin: true,
      createRole: true,
      createDb: true,
      replication: true,
      bypassRls: true,
      connectionLimit: -1,
      validUntil: null,
      hasPassword: null,
    },
  ],
  memberships: [{ roleid: 10, member: 10, grantor: 10, adminOption: false, inheritOption: null, setOption: null }],
  schemas: [{ oid: 2200, name: 'public', owner: 10, nspacl: '{postgres=UC/postgres,=U/postgres}' }],
  relations: [{ oid: 16384, schemaOid: 2200, name: 'users', kind: 'r', owner: 10, relacl: null }],
  defaultAcls: [{ role: 10, schemaOid: null, objtype: 'r', defaclacl: '{=r/postgres}' }],
};

describe('catalogSnapshotSchema', () => {
  it('accepts plain catalog data; columns are optional', () => {
    const parsed = catalogSnapshotSchema.parse(minimal);
    expect(parsed.columns).toBeUndefined();
    expect(parsed.relations[0]?.relacl).toBeNull();
  });

  it('accepts column ACLs when loaded', () => {
    const withColumns = { ...minimal, columns: [{ relationOid: 16384, attnum: 1, name: 'id', attacl: '{a=r/postgres}' }] };
    expect(catalogSnapshotSchema.parse(withColumns).columns).toHaveLength(1);
  });

  it('rejects unsupported server majors', () => {
    expect(catalogSnapshotSchema.safeParse({ ...minimal, serverMajor: 13 }).success).toBe(false);
    expect(catalogSnapshotSchema.safeParse({ ...minimal, serverMajor: 19 }).success).toBe(false);
  });

  it('rejects relkinds Warden does not show (indexes) and bad oids', () => {
    const index = { ...minimal, relations: [{ ...minimal.relations[0], kind: 'i' }] };
    expect(catalogSnapshotSchema.safeParse(index).success).toBe(false);
    const negative = { ...minimal, relations: [{ ...minimal.relations[0], oid: -1 }] };
    expect(catalogSnapshotSchema.safeParse(negative).success).toBe(false);
    const huge = { ...minimal, relations: [{ ...minimal.relations[0], oid: 2 ** 32 }] };
    expect(catalogSnapshotSchema.safeParse(huge).success).toBe(false);
  });
});
