import type { SnapshotRelation } from '../catalog/snapshot';
import type { PrivilegeList } from '../changes/privileges';
import type { ChangeOf } from '../changes/schema';
import { relationAclObjectType, type AclObjectType } from '../privileges/acldefault';
import type { AclItem } from '../privileges/aclitem';
import { parseAclArray } from '../privileges/aclitem';
import { bitForName, databaseRights, EXECUTE, relevantRelationRights, relationRights, schemaRights, sequenceRights, USAGE } from '../privileges/bits';
import type { Grantee } from '../sql/quote';
import { aclItemsOrDefault, aclText, cascadeInAcl, defaultAclItems, grantInAcl, revokeInAcl, sameAcl } from './aclEdit';
import type { ProjectionState } from './state';

/** The bits of a privilege list, `ALL` being every privilege in `all`; always masked by `all`. */
function maskOf(list: PrivilegeList, all: number): number {
  if (list === 'ALL') return all;
  return list.reduce((m, p) => m | bitForName(p), 0) & all;
}

const granteeName = (g: Grantee): string | null => (g.kind === 'public' ? null : g.name);

/** One GRANT or REVOKE, as the server edits an ACL when a superuser (acting as the owner) runs it. */
interface AclAction {
  grant: boolean;
  privileges: PrivilegeList;
  grantee: Grantee;
  withGrantOption: boolean;
  grantOptionFor: boolean;
  cascade: boolean;
}

function actionOf(c: { kind: string; privileges: PrivilegeList; grantee: Grantee } & ({ withGrantOption: boolean } | { grantOptionFor: boolean; cascade: boolean })): AclAction {
  return 'withGrantOption' in c
    ? { grant: true, privileges: c.privileges, grantee: c.grantee, withGrantOption: c.withGrantOption, grantOptionFor: false, cascade: false }
    : { grant: false, privileges: c.privileges, grantee: c.grantee, withGrantOption: false, grantOptionFor: c.grantOptionFor, cascade: c.cascade };
}

/** `items` after the action, with `owner` as grantor: a superuser's GRANT and REVOKE act as the owner's. */
function acted(items: readonly AclItem[], a: AclAction, owner: string, all: number): AclItem[] {
  const mask = maskOf(a.privileges, all);
  const who = granteeName(a.grantee);
  if (a.grant) return grantInAcl(items, who, owner, mask, a.withGrantOption);
  const out = revokeInAcl(items, who, owner, mask, a.grantOptionFor);
  return a.cascade && who !== null ? cascadeInAcl(out, who, mask) : out;
}

function onRelation(s: ProjectionState, rel: SnapshotRelation, a: AclAction, all: number): SnapshotRelation {
  const owner = s.roleName(rel.owner);
  const items = aclItemsOrDefault(rel.relacl, relationAclObjectType(rel.kind), owner, s.major);
  return { ...rel, relacl: aclText(acted(items, a, owner, all)) };
}

function schemaOidNamed(s: ProjectionState, name: string): number | undefined {
  return s.schemaByName(name)?.oid;
}

/** GRANT / REVOKE … ON TABLE (or SEQUENCE) schema.table; column lists change column ACLs only, not the matrix. */
export function tableAcl(s: ProjectionState, c: ChangeOf<'grantTable'> | ChangeOf<'revokeTable'>): void {
  // why: column privileges live in pg_attribute and are read on demand, not in the matrix.
  if (!s.isHere(c.database) || c.columns !== undefined) return;
  const schemaOid = schemaOidNamed(s, c.schema);
  const a = actionOf(c);
  s.relations = s.relations.map((rel) => {
    if (rel.schemaOid !== schemaOid || rel.name !== c.table) return rel;
    // why: ON TABLE for a sequence keeps only what sequences have (the server warns and drops the rest).
    const all = c.objectKind === 'sequence' ? sequenceRights : relevantRelationRights(rel.kind, s.major);
    return onRelation(s, rel, a, all);
  });
  s.touched = true;
}

// why: ALL TABLES IN SCHEMA covers tables, views, materialized views, foreign and partitioned
// tables (objectsInSchemaToOids); ALL SEQUENCES the sequences.
const tableKinds: ReadonlySet<string> = new Set(['r', 'v', 'm', 'f', 'p']);

/** GRANT / REVOKE … ON ALL TABLES (or SEQUENCES) IN SCHEMA: the relations that exist when it runs. */
export function schemaWideAcl(s: ProjectionState, c: ChangeOf<'grantAllTablesInSchema'> | ChangeOf<'revokeAllTablesInSchema'>): void {
  if (!s.isHere(c.database) || c.objectKind === 'functions') return;
  const schemaOid = schemaOidNamed(s, c.schema);
  const a = actionOf(c);
  const wanted = (rel: SnapshotRelation) => (c.objectKind === 'sequences' ? rel.kind === 'S' : tableKinds.has(rel.kind));
  const all = c.objectKind === 'sequences' ? sequenceRights : relationRights(s.major);
  // why: a schema may hold thousands of relations sharing a few ACLs; each distinct
  // (ACL, owner, default type) is edited once.
  const memo = new Map<string, string | null>();
  s.relations = s.relations.map((rel) => {
    if (rel.schemaOid !== schemaOid || !wanted(rel)) return rel;
    const key = `${rel.relacl ?? ''}\u0000${rel.relacl === null ? 'null' : ''}\u0000${rel.owner}\u0000${relationAclObjectType(rel.kind)}`;
    let relacl = memo.get(key);
    if (relacl === undefined) {
      relacl = onRelation(s, rel, a, all).relacl;
      memo.set(key, relacl);
    }
    return { ...rel, relacl };
  });
  s.touched = true;
}

/** GRANT / REVOKE … ON SCHEMA. */
export function schemaAcl(s: ProjectionState, c: ChangeOf<'grantSchema'> | ChangeOf<'revokeSchema'>): void {
  if (!s.isHere(c.database)) return;
  const a = actionOf(c);
  s.schemas = s.schemas.map((n) => {
    if (n.name !== c.schema) return n;
    const owner = s.roleName(n.owner);
    return { ...n, nspacl: aclText(acted(aclItemsOrDefault(n.nspacl, 'n', owner, s.major), a, owner, schemaRights)) };
  });
  s.touched = true;
}

/** GRANT / REVOKE … ON DATABASE: the snapshot's own pg_database row when it is that database. */
export function databaseAcl(s: ProjectionState, c: ChangeOf<'grantDatabase'> | ChangeOf<'revokeDatabase'>): void {
  if (!s.isHere(c.database)) return;
  const owner = s.roleName(s.database.owner);
  const items = aclItemsOrDefault(s.database.datacl, 'd', owner, s.major);
  s.database = { ...s.database, datacl: aclText(acted(items, actionOf(c), owner, databaseRights)) };
  s.touched = true;
}

const defaultObjtypes = {
  tables: { letter: 'r', acl: 'r', all: (major: number) => relationRights(major) },
  sequences: { letter: 'S', acl: 's', all: () => sequenceRights },
  functions: { letter: 'f', acl: 'f', all: () => EXECUTE },
  types: { letter: 'T', acl: 'T', all: () => USAGE },
  schemas: { letter: 'n', acl: 'n', all: () => schemaRights },
} as const satisfies Record<string, { letter: string; acl: AclObjectType; all: (major: number) => number }>;

/** ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT|REVOKE …: one pg_default_acl row. */
export function defaultPrivileges(s: ProjectionState, c: ChangeOf<'alterDefaultPrivileges'>): void {
  if (!s.isHere(c.database)) return;
  const role = s.roleByName(c.forRole);
  const schemaOid = c.inSchema === undefined ? null : (schemaOidNamed(s, c.inSchema) ?? null);
  if (role === undefined || (c.inSchema !== undefined && schemaOid === null)) return;
  const t = defaultObjtypes[c.objtype];
  const at = s.defaultAcls.findIndex((d) => d.role === role.oid && d.schemaOid === schemaOid && d.objtype === t.letter);
  const existing = s.defaultAcls[at];
  // why: a global row starts from the hard-wired default and a per-schema row from nothing
  // (SetDefaultACL); a row that ends equal to that starting point is deleted.
  const start = schemaOid === null ? defaultAclItems(t.acl, role.name, s.major) : [];
  const items = existing === undefined ? start : parseAclArray(existing.defaclacl);
  const action: AclAction = {
    grant: c.action === 'grant',
    privileges: c.privileges,
    grantee: c.grantee,
    withGrantOption: c.withGrantOption,
    grantOptionFor: c.grantOptionFor,
    cascade: false,
  };
  const next = acted(items, action, role.name, t.all(s.major));
  const others = s.defaultAcls.filter((_, k) => k !== at);
  s.defaultAcls = sameAcl(next, start) ? others : [...others, { role: role.oid, schemaOid, objtype: t.letter, defaclacl: aclText(next) }];
  s.touched = true;
}

/** CREATE SCHEMA [AUTHORIZATION owner]: owned by the current user unless named. */
export function createSchema(s: ProjectionState, c: ChangeOf<'createSchema'>, currentUser: string | undefined): void {
  if (!s.isHere(c.database)) return;
  const owner = s.roleByName(c.owner ?? currentUser ?? '') ?? s.roles.find((r) => r.oid === 10);
  if (owner === undefined) return;
  // why: a new schema's ACL is its owner's global default privileges for schemas, if any.
  const global = s.defaultAcls.find((d) => d.role === owner.oid && d.schemaOid === null && d.objtype === 'n');
  const oid = s.newOid('schema', c.name);
  s.schemas = [...s.schemas, { oid, name: c.name, owner: owner.oid, nspacl: global?.defaclacl ?? null }];
  s.stagedSchemas.add(oid);
  s.touched = true;
}

/** CREATE DATABASE: another database, which only the list of databases shows. */
export function createDatabase(s: ProjectionState, c: ChangeOf<'createDatabase'>, currentUser: string | undefined): void {
  s.databases.push({ name: c.name, owner: c.owner ?? currentUser ?? s.roleName(10), staged: true });
}
