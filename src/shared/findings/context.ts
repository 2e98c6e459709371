import { relationKindNames, type CatalogSnapshot, type RelationKind, type SnapshotDefaultAcl, type SnapshotMembership, type SnapshotRelation, type SnapshotRole, type SnapshotSchema } from '../catalog/snapshot';
import type { Change } from '../changes/schema';
import { privilegeNames as changePrivilegeNames, type Privilege } from '../changes/privileges';
import { buildAccessContext, type AccessContext } from '../privileges/accessColumn';
import { acldefault } from '../privileges/acldefault';
import { resolveRoleName, PUBLIC_OID } from '../privileges/aclResolve';
import { parseAclItem, splitAclArray } from '../privileges/aclitem';
import { namesOf } from '../privileges/bits';
import { computeDatabaseAccess, computeSchemaAccess, type ObjectAccessMatrix } from '../privileges/objectAccess';
import type { FindingObject } from './finding';

/** BOOTSTRAP_SUPERUSERID: the role initdb makes (usually postgres). */
export const BOOTSTRAP_SUPERUSER_OID = 10;
/** FirstNormalObjectId: roles below it are built in (pg_*). */
const FIRST_NORMAL_OID = 16384;

/** One ACL entry with its grantee and grantor as oids (PUBLIC_OID for PUBLIC, null when unknown). */
export interface Entry {
  grantee: number | null;
  grantor: number | null;
  privileges: number;
  grantOptions: number;
}

/** What the rules know beyond the snapshot. */
export interface FindingOptions {
  /** "Now", for VALID UNTIL (pure code takes no clock). */
  now: Date;
  /** The role the changes would run as; a fix that takes its own rights away is not offered. */
  currentUser?: string | undefined;
}

/** Everything computed once per snapshot and shared by the rules. */
export interface FindingContext {
  readonly snapshot: CatalogSnapshot;
  readonly options: FindingOptions;
  readonly access: AccessContext;
  readonly databaseName: string;
  /** Schemas by oid. */
  readonly schemaById: ReadonlyMap<number, SnapshotSchema>;
  /** Relations outside the system schemas. */
  readonly userRelations: readonly SnapshotRelation[];
  /** Schemas other than the system ones. */
  readonly userSchemas: readonly SnapshotSchema[];
  /** USAGE/CREATE of every role on every schema. */
  readonly schemaAccess: ObjectAccessMatrix;
  /** CONNECT/TEMPORARY/CREATE of every role on the database. */
  readonly databaseAccess: ObjectAccessMatrix;
  /** Explicit ACL of a relation (NULL relacl: none beyond the owner, so []). */
  readonly relationAcl: (rel: SnapshotRelation) => readonly Entry[];
  /** ACL of a schema (acldefault when NULL). */
  readonly schemaAcl: (schema: SnapshotSchema) => readonly Entry[];
  /** Entries of a pg_default_acl row. */
  readonly parseDefaultAcl: (d: SnapshotDefaultAcl) => readonly Entry[];
  /** ACL of the database (acldefault when NULL). */
  readonly databaseAcl: readonly Entry[];
  /** Role by oid. */
  readonly role: (oid: number) => SnapshotRole | undefined;
  /** Role index in the access context, or -1. */
  readonly index: (oid: number) => number;
  /** A role's name (oid digits when unknown). */
  readonly name: (oid: number) => string;
  /** Memberships by member oid. */
  readonly memberOf: ReadonlyMap<number, readonly SnapshotMembership[]>;
  /** Memberships by group oid. */
  readonly membersOf: ReadonlyMap<number, readonly SnapshotMembership[]>;
}

/** Whether a schema is PostgreSQL's own (catalogs, TOAST, temp, information_schema). */
export function isSystemSchema(name: string): boolean {
  return name.startsWith('pg_') || name === 'information_schema';
}

/** Whether a role is built in (pg_* with a fixed oid). */
export function isBuiltInRole(role: Pick<SnapshotRole, 'oid' | 'name'>): boolean {
  return role.oid < FIRST_NORMAL_OID && role.oid !== BOOTSTRAP_SUPERUSER_OID;
}

function groupBy<T>(items: readonly T[], key: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Builds the shared context once per snapshot. */
export function buildFindingContext(snapshot: CatalogSnapshot, options: FindingOptions): FindingContext {
  const access = buildAccessContext(snapshot);
  const dir = access.closure.directory;
  const schemaById = new Map(snapshot.schemas.map((s) => [s.oid, s]));
  const userSchemas = snapshot.schemas.filter((s) => !isSystemSchema(s.name));
  const userSchemaOids = new Set(userSchemas.map((s) => s.oid));
  const userRelations = snapshot.relations.filter((r) => userSchemaOids.has(r.schemaOid));
  const aclCache = new Map<string, Entry[]>();
  const itemCache = new Map<string, Entry>();
  // why: ACL texts are mostly distinct on big catalogs, but their items recur; parse each item once.
  const parse = (text: string): Entry[] => {
    let hit = aclCache.get(text);
    if (hit === undefined) {
      hit = splitAclArray(text).map((item) => {
        let e = itemCache.get(item);
        if (e === undefined) {
          const a = parseAclItem(item);
          e = { grantee: a.grantee === null ? PUBLIC_OID : resolveRoleName(dir, a.grantee), grantor: resolveRoleName(dir, a.grantor), privileges: a.privileges, grantOptions: a.grantOptions };
          itemCache.set(item, e);
        }
        return e;
      });
      aclCache.set(text, hit);
    }
    return hit;
  };
  const db = snapshot.database;
  return {
    snapshot,
    options,
    access,
    databaseName: db.name,
    schemaById,
    userRelations,
    userSchemas,
    schemaAccess: computeSchemaAccess(snapshot, access),
    databaseAccess: computeDatabaseAccess(snapshot, access),
    parseDefaultAcl: (d) => parse(d.defaclacl),
    relationAcl: (rel) => (rel.relacl === null ? [] : parse(rel.relacl)),
    schemaAcl: (s) => (s.nspacl === null ? acldefault('n', s.owner, snapshot.serverMajor) : parse(s.nspacl)),
    databaseAcl: db.datacl === null ? acldefault('d', db.owner, snapshot.serverMajor) : parse(db.datacl),
    role: (oid) => dir.roles[dir.indexOf.get(oid) ?? -1],
    index: (oid) => dir.indexOf.get(oid) ?? -1,
    name: (oid) => dir.roles[dir.indexOf.get(oid) ?? -1]?.name ?? String(oid),
    memberOf: groupBy(snapshot.memberships, (m) => m.member),
    membersOf: groupBy(snapshot.memberships, (m) => m.roleid),
  };
}

const relationObjectKind: Record<RelationKind, FindingObject['kind']> = relationKindNames;

/** A role as a finding object. */
export function roleObject(name: string): FindingObject {
  return { kind: 'role', database: null, schema: null, name };
}

/** A relation as a finding object. */
export function relationObject(fc: FindingContext, rel: SnapshotRelation): FindingObject {
  return { kind: relationObjectKind[rel.kind], database: fc.databaseName, schema: fc.schemaById.get(rel.schemaOid)?.name ?? null, name: rel.name };
}

/** A schema as a finding object. */
export function schemaObject(fc: FindingContext, schema: string): FindingObject {
  return { kind: 'schema', database: fc.databaseName, schema: null, name: schema };
}

/** The database as a finding object. */
export function databaseObject(fc: FindingContext): FindingObject {
  return { kind: 'database', database: null, schema: null, name: fc.databaseName };
}

/** Privilege bits as names a change accepts (table/schema/database privileges). */
export function privilegeList(mask: number): Privilege[] {
  const names = new Set<string>(namesOf(mask));
  return changePrivilegeNames.filter((p) => names.has(p));
}

/** A grantee for a change. */
export function granteeOf(fc: FindingContext, oid: number): { kind: 'public' } | { kind: 'role'; name: string } {
  return oid === PUBLIC_OID ? { kind: 'public' } : { kind: 'role', name: fc.name(oid) };
}

/** REVOKE privileges ON TABLE/SEQUENCE rel FROM grantee. */
export function revokeOnRelation(fc: FindingContext, rel: SnapshotRelation, mask: number, grantee: number): Change {
  return {
    kind: 'revokeTable',
    database: fc.databaseName,
    schema: fc.schemaById.get(rel.schemaOid)?.name ?? '',
    table: rel.name,
    objectKind: rel.kind === 'S' ? 'sequence' : 'table',
    privileges: privilegeList(mask),
    grantee: granteeOf(fc, grantee),
    grantOptionFor: false,
    cascade: false,
  };
}

/** "a", "a and b", "a, b and c" (at most `max` names, then "and N more"). */
export function listWords(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/** One relation of a grouped finding and the privilege bits concerned. */
export interface GroupedRelation {
  rel: SnapshotRelation;
  mask: number;
}

/** Relations grouped by grantee oid (one finding per role), each with the bits concerned, in snapshot order. */
export class GranteeGroups {
  private readonly groups = new Map<number, { grantee: number; items: GroupedRelation[] }>();

  /** Adds one relation for a grantee. */
  add(grantee: number, rel: SnapshotRelation, mask: number): void {
    let g = this.groups.get(grantee);
    if (g === undefined) {
      g = { grantee, items: [] };
      this.groups.set(grantee, g);
    }
    g.items.push({ rel, mask });
  }

  /** Every group. */
  all(): { grantee: number; items: GroupedRelation[] }[] {
    return [...this.groups.values()];
  }
}

/** At most this many relations are named as objects of one finding (its fix still covers all). */
export const relationObjectsCap = 50;

/** The relations of a grouped finding as objects, at most relationObjectsCap of them. */
export function relationObjects(fc: FindingContext, items: readonly GroupedRelation[]): FindingObject[] {
  return items.slice(0, relationObjectsCap).map((i) => relationObject(fc, i.rel));
}

/** Distinct schema names of grouped relations, in order. */
export function schemasOf(fc: FindingContext, items: readonly GroupedRelation[]): string[] {
  return [...new Set(items.map((i) => fc.schemaById.get(i.rel.schemaOid)?.name ?? ''))];
}

/** "t1, t2 and 40 more in s1, s2" for messages. */
export function relationsWords(fc: FindingContext, items: readonly GroupedRelation[]): string {
  const names = items.map((i) => `${fc.schemaById.get(i.rel.schemaOid)?.name ?? ''}.${i.rel.name}`);
  return `${items.length === 1 ? '' : `${items.length.toLocaleString('en-US')} relations: `}${listWords(names)}`;
}
