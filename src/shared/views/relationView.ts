import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AccessContext } from '../privileges/accessColumn';
import { CONNECT, USAGE } from '../privileges/bits';
import { databaseTarget, explainObject, relationTarget, schemaTarget, targetEntries } from '../privileges/explain';
import { compareText } from '../privileges/matrixRows';
import { inheritancePaths } from '../privileges/membership';
import { heldRights, relationObjectType, type HeldRight, type ViewObjectType } from './rights';

/** One role that can use the relation. */
export interface RelationHolder {
  oid: number;
  name: string;
  login: boolean;
  superuser: boolean;
  /** Every privilege it holds on the relation (has_table_privilege), in spoken order, with sources. */
  rights: readonly HeldRight[];
  /** It holds USAGE on the relation's schema (has_schema_privilege): without it the name cannot be looked up. */
  schemaUsage: boolean;
  /** It holds CONNECT on the database (has_database_privilege). */
  connect: boolean;
}

/** Every role that can touch one relation, and how. */
export interface RelationView {
  oid: number;
  schema: string;
  name: string;
  type: ViewObjectType;
  owner: string;
  database: string;
  /** By name; superusers included (they hold everything). */
  holders: readonly RelationHolder[];
}

/** The relation view of `relationOid`, or null when the relation is not in the snapshot. */
export function relationView(snapshot: CatalogSnapshot, ctx: AccessContext, relationOid: number): RelationView | null {
  const rel = snapshot.relations.find((r) => r.oid === relationOid);
  if (rel === undefined) return null;
  const dir = ctx.closure.directory;
  const schema = snapshot.schemas.find((s) => s.oid === rel.schemaOid);
  const relTarget = relationTarget(rel, snapshot.serverMajor);
  const schemaT = schema === undefined ? null : schemaTarget(schema);
  const dbT = databaseTarget(snapshot.database);
  // why: each ACL parsed once, then each role's explanation only walks its own paths.
  const relEntries = targetEntries(ctx, relTarget);
  const schemaEntries = schemaT === null ? [] : targetEntries(ctx, schemaT);
  const dbEntries = targetEntries(ctx, dbT);
  const holders: RelationHolder[] = [];
  for (const role of dir.roles) {
    const paths = inheritancePaths(ctx.closure, role.oid);
    const e = explainObject(ctx, relTarget, role.oid, paths, relEntries);
    if (e === null || e.privileges === 0) continue;
    const usage = schemaT === null ? null : explainObject(ctx, schemaT, role.oid, paths, schemaEntries);
    const connect = explainObject(ctx, dbT, role.oid, paths, dbEntries);
    holders.push({
      oid: role.oid,
      name: role.name,
      login: role.canLogin,
      superuser: role.superuser,
      rights: heldRights(e),
      schemaUsage: ((usage?.privileges ?? 0) & USAGE) !== 0,
      connect: ((connect?.privileges ?? 0) & CONNECT) !== 0,
    });
  }
  holders.sort((a, b) => compareText(a.name, b.name));
  return {
    oid: rel.oid,
    schema: schema?.name ?? String(rel.schemaOid),
    name: rel.name,
    type: relationObjectType[rel.kind],
    owner: dir.roles[dir.indexOf.get(rel.owner) ?? -1]?.name ?? String(rel.owner),
    database: snapshot.database.name,
    holders,
  };
}
