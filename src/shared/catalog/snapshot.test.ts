import { describe, expect, it } from 'vitest';
import { catalogSnapshotSchema, parseCatalogSnapshot } from './snapshot';

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

  it('rejects majors older than 14 and takes newer ones (read as the newest Warden knows)', () => {
    expect(catalogSnapshotSchema.safeParse({ ...minimal, serverMajor: 13 }).success).toBe(false);
    expect(catalogSnapshotSchema.safeParse({ ...minimal, serverMajor: 19 }).success).toBe(true);
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

describe('parseCatalogSnapshot (the loader\'s fast check)', () => {
  const rel = minimal.relations[0] as Record<string, unknown>;
  const col = { relationOid: 16384, attnum: 1, name: 'id', attacl: '{a=r/postgres}' };
  const bad: [string, unknown][] = [
    ['not an object', null],
    ['relations missing', { ...minimal, relations: undefined }],
    ['relations not an array', { ...minimal, relations: {} }],
    ['relation null', { ...minimal, relations: [null] }],
    ['relation index kind', { ...minimal, relations: [{ ...rel, kind: 'i' }] }],
    ['relation kind missing', { ...minimal, relations: [{ ...rel, kind: undefined }] }],
    ['negative oid', { ...minimal, relations: [{ ...rel, oid: -1 }] }],
    ['oid too big', { ...minimal, relations: [{ ...rel, oid: 2 ** 32 }] }],
    ['fractional oid', { ...minimal, relations: [{ ...rel, oid: 1.5 }] }],
    ['NaN schemaOid', { ...minimal, relations: [{ ...rel, schemaOid: Number.NaN }] }],
    ['string owner', { ...minimal, relations: [{ ...rel, owner: '10' }] }],
    ['empty name', { ...minimal, relations: [{ ...rel, name: '' }] }],
    ['relacl missing', { ...minimal, relations: [{ ...rel, relacl: undefined }] }],
    ['relacl not text', { ...minimal, relations: [{ ...rel, relacl: ['a=r/b'] }] }],
    ['columns not an array', { ...minimal, columns: 'x' }],
    ['column attnum 0', { ...minimal, columns: [{ ...col, attnum: 0 }] }],
    ['column attnum fractional', { ...minimal, columns: [{ ...col, attnum: 1.5 }] }],
    ['column bad oid', { ...minimal, columns: [{ ...col, relationOid: -3 }] }],
    ['column empty name', { ...minimal, columns: [{ ...col, name: '' }] }],
    ['column attacl missing', { ...minimal, columns: [{ ...col, attacl: undefined }] }],
    ['bad server major', { ...minimal, serverMajor: 13 }],
    ['bad role', { ...minimal, roles: [{ oid: 10 }] }],
  ];
  it.each(bad)('rejects what zod rejects: %s', (_what, input) => {
    expect(catalogSnapshotSchema.safeParse(input).success).toBe(false);
    expect(() => parseCatalogSnapshot(input)).toThrow();
  });

  it('returns what zod returns for valid input, unknown keys stripped', () => {
    const input = {
      ...minimal,
      extra: 1,
      relations: [{ ...rel, extra: true }, { ...rel, oid: 16385, kind: 'S', relacl: '{=r/postgres}' }],
      columns: [{ ...col, extra: 'x' }],
    };
    expect(parseCatalogSnapshot(input)).toEqual(catalogSnapshotSchema.parse(input));
    expect(parseCatalogSnapshot(minimal)).toEqual(catalogSnapshotSchema.parse(minimal));
    expect(parseCatalogSnapshot(minimal).columns).toBeUndefined();
  });
});
