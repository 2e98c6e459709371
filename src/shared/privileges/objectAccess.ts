import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AccessContext, ObjectAccessInput } from './accessColumn';
import { ColumnScratch, buildAccessContext, compactEntries, fillAccessColumn } from './accessColumn';
import { acldefault } from './acldefault';
import { parseResolvedAcl } from './aclResolve';
import type { AclObjectType } from './acldefault';
import { CONNECT, USAGE, databaseRights, schemaRights } from './bits';

/** Effective privileges of every role on a list of objects; cell (role i, object j) is at j * roleCount + i. */
export interface ObjectAccessMatrix {
  /** Role oids by role index. */
  readonly roleOids: Uint32Array;
  /** Object oids by object index. */
  readonly objectOids: Uint32Array;
  /** Role index by oid. */
  readonly roleIndex: ReadonlyMap<number, number>;
  /** Object index by oid. */
  readonly objectIndex: ReadonlyMap<number, number>;
  /** Privilege bits per cell. */
  readonly privileges: Uint16Array;
  /** Grant-option bits per cell. */
  readonly grantable: Uint16Array;
}

interface AclObject {
  oid: number;
  owner: number;
  acl: string | null;
}

/**
 * Every role's effective privileges on `objects` as a dense matrix: each object is keyed by
 * `keyOf` (an oid, or a column's attnum) and checked as `inputOf` describes it.
 */
export function denseAccess<T>(
  ctx: AccessContext,
  objects: readonly T[],
  keyOf: (o: T) => number,
  inputOf: (o: T) => ObjectAccessInput,
): ObjectAccessMatrix {
  const dir = ctx.closure.directory;
  const roleCount = dir.roles.length;
  const privileges = new Uint16Array(roleCount * objects.length);
  const grantable = new Uint16Array(roleCount * objects.length);
  const objectIndex = new Map<number, number>();
  const scratch = new ColumnScratch(roleCount);
  objects.forEach((o, j) => {
    objectIndex.set(keyOf(o), j);
    fillAccessColumn(ctx, inputOf(o), privileges, grantable, j * roleCount, scratch);
  });
  return {
    roleOids: Uint32Array.from(dir.roles, (r) => r.oid),
    objectOids: Uint32Array.from(objects, keyOf),
    roleIndex: dir.indexOf,
    objectIndex,
    privileges,
    grantable,
  };
}

function computeObjects(
  ctx: AccessContext,
  objects: readonly AclObject[],
  objtype: AclObjectType,
  relevant: number,
  predefined: 'schema' | 'none',
): ObjectAccessMatrix {
  const dir = ctx.closure.directory;
  return denseAccess(
    ctx,
    objects,
    (o) => o.oid,
    (o) => ({
      entries:
        o.acl === null
          ? compactEntries(acldefault(objtype, o.owner, ctx.serverMajor), ctx.closure)
          : compactEntries(parseResolvedAcl(o.acl, dir), ctx.closure),
      ownerIndex: dir.indexOf.get(o.owner) ?? -1,
      relevant,
      denied: 0,
      predefined,
    }),
  );
}

/**
 * USAGE and CREATE of every role on every schema, as has_schema_privilege answers them:
 * nspacl (or acldefault: owner UC), plus USAGE for users of pg_read_all_data / pg_write_all_data.
 */
export function computeSchemaAccess(snapshot: CatalogSnapshot, context?: AccessContext): ObjectAccessMatrix {
  const ctx = context ?? buildAccessContext(snapshot);
  const objects = snapshot.schemas.map((s) => ({ oid: s.oid, owner: s.owner, acl: s.nspacl }));
  // why: pg_namespace_aclmask adds USAGE for has_privs_of_role(pg_read_all_data or
  // pg_write_all_data) (docs "Predefined Roles": "and USAGE rights on all schemas").
  return computeObjects(ctx, objects, 'n', schemaRights, 'schema');
}

/**
 * CREATE, TEMPORARY and CONNECT of every role on the snapshot's database, as
 * has_database_privilege answers them (datacl or acldefault: PUBLIC Tc, owner CTc).
 */
export function computeDatabaseAccess(snapshot: CatalogSnapshot, context?: AccessContext): ObjectAccessMatrix {
  const ctx = context ?? buildAccessContext(snapshot);
  const db = snapshot.database;
  return computeObjects(ctx, [{ oid: db.oid, owner: db.owner, acl: db.datacl }], 'd', databaseRights, 'none');
}

/** Whether a role has a privilege bit on an object of the matrix; null when either oid is unknown. */
export function hasObjectPrivilege(
  m: ObjectAccessMatrix,
  roleOid: number,
  objectOid: number,
  bit: number,
  withGrantOption = false,
): boolean | null {
  const i = m.roleIndex.get(roleOid);
  const j = m.objectIndex.get(objectOid);
  if (i === undefined || j === undefined) return null;
  const k = j * m.roleOids.length + i;
  return (((withGrantOption ? m.grantable[k] : m.privileges[k]) ?? 0) & bit) !== 0;
}

/** has_schema_privilege(role, schema, 'USAGE') from a schema matrix. */
export function hasSchemaUsage(m: ObjectAccessMatrix, roleOid: number, schemaOid: number): boolean | null {
  return hasObjectPrivilege(m, roleOid, schemaOid, USAGE);
}

/** has_database_privilege(role, database, 'CONNECT') from a database matrix. */
export function hasDatabaseConnect(m: ObjectAccessMatrix, roleOid: number, databaseOid: number): boolean | null {
  return hasObjectPrivilege(m, roleOid, databaseOid, CONNECT);
}
