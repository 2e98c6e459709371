import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { AccessContext } from '../privileges/accessColumn';
import type { ResolvedAclEntry } from '../privileges/aclResolve';
import { databaseTarget, explainObject, relationTarget, schemaTarget, targetEntries, type ExplainTarget } from '../privileges/explain';
import { compareText } from '../privileges/matrixRows';
import { inheritancePaths } from '../privileges/membership';
import { RoleSweep } from '../privileges/roleSweep';
import { membershipGraph, type MembershipGraph } from './memberships';
import { heldRights, relationObjectType, superuserRights, viaWords, type HeldRight, type ViewObjectType } from './rights';

/** What a role holds on one object. */
export interface ObjectRights {
  type: ViewObjectType;
  oid: number;
  /** The schema's name for a relation; null for a schema or the database. */
  schema: string | null;
  name: string;
  /** Every privilege held, in spoken order; relations of one access class share this array. */
  rights: readonly HeldRight[];
}

/** Everything one role can do in the snapshot's database, where each right comes from, and its memberships. */
export interface RoleView {
  role: { oid: number; name: string; superuser: boolean; login: boolean; inherit: boolean };
  serverMajor: number;
  database: string;
  /** CONNECT, TEMPORARY, CREATE on the database (has_database_privilege); null when it holds none. */
  databaseRights: ObjectRights | null;
  /** Schemas where it holds USAGE or CREATE (has_schema_privilege), by name. */
  schemas: readonly ObjectRights[];
  /** Relations where it holds any privilege (has_table_privilege), by schema then name. */
  relations: readonly ObjectRights[];
  memberships: MembershipGraph;
}

/**
 * Per snapshot, what every role view shares: the access context and the role sweep (every
 * ACL filed under its grantee once). Not safe to share between two views computed at once.
 */
export interface ViewEngine {
  readonly snapshot: CatalogSnapshot;
  readonly ctx: AccessContext;
  readonly sweep: RoleSweep;
  /** ACL texts parsed with names so far (relations sharing an ACL, and later views, reuse them). */
  readonly parsed: Map<string, ResolvedAclEntry[]>;
}

/** The engine for a snapshot (parses every ACL once; each role view then visits only what the role uses). */
export function viewEngine(snapshot: CatalogSnapshot, ctx: AccessContext): ViewEngine {
  return { snapshot, ctx, sweep: new RoleSweep(snapshot, ctx), parsed: new Map() };
}

/** The role view of `roleOid`, or null when the role is not in the snapshot. */
export function roleView(engine: ViewEngine, roleOid: number): RoleView | null {
  const { snapshot, ctx, sweep } = engine;
  const dir = ctx.closure.directory;
  const index = dir.indexOf.get(roleOid);
  const role = index === undefined ? undefined : dir.roles[index];
  if (role === undefined || index === undefined) return null;
  const paths = inheritancePaths(ctx.closure, roleOid);
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const explain = (target: ExplainTarget) => {
    let entries = target.acl === null ? undefined : engine.parsed.get(target.acl);
    if (entries === undefined) {
      entries = targetEntries(ctx, target);
      if (target.acl !== null) engine.parsed.set(target.acl, entries);
    }
    const e = explainObject(ctx, target, roleOid, paths, entries);
    return e === null || e.privileges === 0 ? null : intern(heldRights(e));
  };
  // why: thousands of classes give the same rights the same way (SELECT through one group);
  // one array each keeps the view small, and the worker's reply is cloned once per array.
  const interned = new Map<string, readonly HeldRight[]>();
  const intern = (rights: readonly HeldRight[]): readonly HeldRight[] => {
    const key = rights.map((r) => `${r.privilege}${r.grantable ? '*' : ''}\t${viaWords(r.via)}\t${viaWords(r.grantVia)}`).join('\n');
    const hit = interned.get(key);
    if (hit !== undefined) return hit;
    interned.set(key, rights);
    return rights;
  };
  const db = snapshot.database;
  const dbRights = explain(databaseTarget(db));
  const schemas = snapshot.schemas.flatMap((s): ObjectRights[] => {
    const rights = explain(schemaTarget(s));
    return rights === null ? [] : [{ type: 'schema', oid: s.oid, schema: null, name: s.name, rights }];
  });
  const { classOf, firsts, relevant } = sweep.classes;
  // Per access class: its rights, computed once (null: nothing held).
  const byClass: (readonly HeldRight[] | null)[] = new Array<readonly HeldRight[] | null>(firsts.length).fill(null);
  if (role.superuser) {
    const byMask = new Map<number, HeldRight[]>();
    firsts.forEach((j, c) => {
      const mask = relevant[j] ?? 0;
      let rights = byMask.get(mask);
      if (rights === undefined) {
        rights = superuserRights(mask);
        byMask.set(mask, rights);
      }
      byClass[c] = rights;
    });
  } else {
    // why: the sweep says, in one pass over the entries of the roles this one uses, which
    // classes hold anything; only those are explained (provenance needs names and paths).
    sweep.load(index);
    firsts.forEach((j, c) => {
      if ((sweep.privileges[c] ?? 0) === 0) return;
      byClass[c] = explain(relationTarget(snapshot.relations[j] as SnapshotRelation, snapshot.serverMajor));
    });
  }
  const relations: ObjectRights[] = [];
  snapshot.relations.forEach((rel, j) => {
    const rights = byClass[classOf[j] ?? 0];
    if (rights === null || rights === undefined) return;
    relations.push({ type: relationObjectType[rel.kind], oid: rel.oid, schema: schemaName.get(rel.schemaOid) ?? String(rel.schemaOid), name: rel.name, rights });
  });
  relations.sort((a, b) => compareText(a.schema ?? '', b.schema ?? '') || compareText(a.name, b.name));
  schemas.sort((a, b) => compareText(a.name, b.name));
  return {
    role: { oid: role.oid, name: role.name, superuser: role.superuser, login: role.canLogin, inherit: role.inherit },
    serverMajor: snapshot.serverMajor,
    database: db.name,
    databaseRights: dbRights === null ? null : { type: 'database', oid: db.oid, schema: null, name: db.name, rights: dbRights },
    schemas,
    relations,
    memberships: membershipGraph(snapshot, ctx.closure, roleOid),
  };
}
