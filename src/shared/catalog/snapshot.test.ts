import { describe, expect, it } from 'vitest';
import { catalogSnapshotSchema, parseCatalogSnapshot, relationFromPacked } from './snapshot';

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

describe('relationFromPacked (the loader\'s relation rows)', () => {
  it('reads oid, schema, owner and kind, and keeps everything after the fourth comma as the name', () => {
    expect(relationFromPacked('16384,2200,10,r,users', '{a=r/b}', 0)).toEqual({ oid: 16384, schemaOid: 2200, owner: 10, kind: 'r', name: 'users', relacl: '{a=r/b}' });
    expect(relationFromPacked('4294967295,1,2,S,a,b,,"c"', null, 0)).toEqual({ oid: 4_294_967_295, schemaOid: 1, owner: 2, kind: 'S', name: 'a,b,,"c"', relacl: null });
    expect(relationFromPacked('1,2,3,v,ü 名前\n', null, 0).name).toBe('ü 名前\n');
  });

  it('refuses anything else with the row it came from', () => {
    for (const bad of ['', '1,2,3,r,', '1,2,3,r', '1,2,3,x,t', '1,2,3,rr,t', '-1,2,3,r,t', '1,,3,r,t', '4294967296,2,3,r,t', '12345678901,2,3,r,t', '1,2,3', 'a,2,3,r,t']) {
      expect(() => relationFromPacked(bad, null, 7), bad).toThrow(/relations\[7\]/);
    }
    expect(() => relationFromPacked(null, null, 3)).toThrow(/relations\[3\]/);
  });
});
