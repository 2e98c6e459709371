import { describe, expect, it } from 'vitest';
import { CONNECT, CREATE, TEMPORARY, USAGE } from './bits';
import {
  computeDatabaseAccess,
  computeSchemaAccess,
  hasDatabaseConnect,
  hasObjectPrivilege,
  hasSchemaUsage,
} from './objectAccess';
import { PG_DATABASE_OWNER_OID, PG_READ_ALL_DATA_OID, PG_WRITE_ALL_DATA_OID } from './predefined';
import { BOOTSTRAP_OID, PUBLIC_SCHEMA_OID, SnapshotBuilder } from './testSnapshot';

describe('schema access', () => {
  it('NULL nspacl gives the owner USAGE and CREATE, nobody else anything', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const other = b.role('other');
    const sch = b.schema('app', owner);
    const m = computeSchemaAccess(b.build());
    expect(hasSchemaUsage(m, owner, sch)).toBe(true);
    expect(hasObjectPrivilege(m, owner, sch, CREATE, true)).toBe(true);
    expect(hasSchemaUsage(m, other, sch)).toBe(false);
  });

  it('grants through groups and PUBLIC; pg_read_all_data / pg_write_all_data give USAGE', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const group = b.role('group');
    const member = b.role('member');
    const reader = b.role('reader');
    const writer = b.role('writer');
    b.member(group, member).member(PG_READ_ALL_DATA_OID, reader).member(PG_WRITE_ALL_DATA_OID, writer);
    const sch = b.schema('app', owner, '{owner=UC/owner,group=U/owner}');
    const open = b.schema('open', owner, '{owner=UC/owner,=U/owner}');
    const m = computeSchemaAccess(b.build());
    expect(hasSchemaUsage(m, member, sch)).toBe(true);
    expect(hasObjectPrivilege(m, member, sch, CREATE)).toBe(false);
    expect(hasSchemaUsage(m, reader, sch)).toBe(true);
    expect(hasSchemaUsage(m, writer, sch)).toBe(true);
    expect(hasObjectPrivilege(m, reader, sch, CREATE)).toBe(false);
    expect(hasSchemaUsage(m, owner, open)).toBe(true);
    expect(hasSchemaUsage(m, reader, 1)).toBeNull();
  });

  it("the database owner gets pg_database_owner's rights on public (15+)", () => {
    const b = new SnapshotBuilder(15);
    const dba = b.role('dba');
    const other = b.role('other');
    b.database(dba, null);
    const snap = b.build();
    const nspacl = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}';
    snap.schemas[0] = { oid: PUBLIC_SCHEMA_OID, name: 'public', owner: PG_DATABASE_OWNER_OID, nspacl };
    const m = computeSchemaAccess(snap);
    expect(hasObjectPrivilege(m, dba, PUBLIC_SCHEMA_OID, CREATE)).toBe(true);
    expect(hasObjectPrivilege(m, other, PUBLIC_SCHEMA_OID, CREATE)).toBe(false);
    expect(hasSchemaUsage(m, other, PUBLIC_SCHEMA_OID)).toBe(true);
  });
});

describe('database access', () => {
  it('NULL datacl: PUBLIC may CONNECT and create TEMP tables, the owner may CREATE', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const anyone = b.role('anyone', { inherit: false });
    b.database(owner, null);
    const snap = b.build();
    const m = computeDatabaseAccess(snap);
    expect(hasDatabaseConnect(m, anyone, snap.database.oid)).toBe(true);
    expect(hasObjectPrivilege(m, anyone, snap.database.oid, TEMPORARY)).toBe(true);
    expect(hasObjectPrivilege(m, anyone, snap.database.oid, CREATE)).toBe(false);
    expect(hasObjectPrivilege(m, owner, snap.database.oid, CREATE, true)).toBe(true);
  });

  it('after REVOKE CONNECT FROM PUBLIC only grantees, the owner and superusers connect', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const app = b.role('app');
    const anyone = b.role('anyone');
    b.database(owner, '{=T/owner,owner=CTc/owner,app=c/owner}');
    const snap = b.build();
    const m = computeDatabaseAccess(snap);
    expect(hasDatabaseConnect(m, anyone, snap.database.oid)).toBe(false);
    expect(hasDatabaseConnect(m, app, snap.database.oid)).toBe(true);
    expect(hasDatabaseConnect(m, owner, snap.database.oid)).toBe(true);
    expect(hasDatabaseConnect(m, BOOTSTRAP_OID, snap.database.oid)).toBe(true);
    // why: predefined roles give nothing on databases.
    b.member(PG_READ_ALL_DATA_OID, anyone);
    expect(hasObjectPrivilege(computeDatabaseAccess(b.build()), anyone, snap.database.oid, CONNECT)).toBe(false);
    expect(hasObjectPrivilege(m, anyone, snap.database.oid, USAGE)).toBe(false);
  });
});
