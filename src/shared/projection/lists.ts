import type { Role } from '../api/contract';
import type { CatalogSnapshot, SnapshotRole } from '../catalog/snapshot';
import type { ChangeInput } from '../changes/schema';
import { PG_DATABASE_OWNER_OID } from '../privileges/predefined';
import { projectSnapshot, type ProjectedDatabase } from './project';

/** A role as the forms list it: what roles.list says, after the staged changes. */
export interface ListedRole extends Role {
  /** True when only a staged change creates it. */
  staged: boolean;
}

/** A schema as the forms list it, after the staged changes. */
export interface ListedSchema {
  name: string;
  owner: string;
  staged: boolean;
}

/** What the server lists say, as the light queries (roles.list, tree.databases, server.info) give them. */
export interface ServerLists {
  serverMajor: number;
  roles: readonly Role[];
  databases: readonly { name: string; owner: string }[];
  currentUser?: string;
  /** initdb's superuser (OID 10). */
  bootstrapSuperuser?: string;
}

const BOOTSTRAP_OID = 10;

/**
 * A catalog snapshot made from the light lists, so the forms read the same projection as
 * the matrix: roles with their memberships, and (for `database`) its schemas.
 */
function listSnapshot(lists: ServerLists, database: string, schemas: readonly { name: string; owner: string }[]): CatalogSnapshot {
  const oidOf = new Map<string, number>();
  lists.roles.forEach((r, i) => oidOf.set(r.name, r.name === lists.bootstrapSuperuser ? BOOTSTRAP_OID : 16_384 + i));
  const roles: SnapshotRole[] = lists.roles.map((r) => ({
    oid: oidOf.get(r.name) ?? 0,
    name: r.name,
    superuser: r.superuser,
    inherit: r.inherit,
    canLogin: r.kind === 'user',
    createRole: r.createRole,
    createDb: r.createDb,
    replication: r.replication,
    bypassRls: r.bypassRls,
    connectionLimit: r.connectionLimit,
    validUntil: r.validUntil,
    hasPassword: null,
  }));
  // why: roles.list leaves the pg_* roles out; the owner of public from 15 on is one of them.
  roles.push({ ...(roles[0] ?? blankRole), oid: PG_DATABASE_OWNER_OID, name: 'pg_database_owner', superuser: false, canLogin: false });
  oidOf.set('pg_database_owner', PG_DATABASE_OWNER_OID);
  // why: the lists do not say a membership's options; the forms never read them.
  const modern = lists.serverMajor >= 16;
  const memberships = lists.roles.flatMap((r) =>
    r.memberOf.flatMap((g) => {
      const roleid = oidOf.get(g);
      const member = oidOf.get(r.name);
      return roleid === undefined || member === undefined
        ? []
        : [{ roleid, member, grantor: BOOTSTRAP_OID, adminOption: false, inheritOption: modern ? true : null, setOption: modern ? true : null }];
    }),
  );
  const owner = lists.databases.find((d) => d.name === database)?.owner;
  return {
    serverMajor: lists.serverMajor,
    database: { oid: 1, name: database, owner: oidOf.get(owner ?? '') ?? BOOTSTRAP_OID, datacl: null },
    roles,
    memberships,
    schemas: schemas.map((s, i) => ({ oid: 1_000 + i, name: s.name, owner: oidOf.get(s.owner) ?? BOOTSTRAP_OID, nspacl: null })),
    relations: [],
    defaultAcls: [],
  };
}

const blankRole: SnapshotRole = {
  oid: 0,
  name: '',
  superuser: false,
  inherit: true,
  canLogin: false,
  createRole: false,
  createDb: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  validUntil: null,
  hasPassword: null,
};

function options(lists: ServerLists) {
  return { databases: lists.databases, ...(lists.currentUser === undefined ? {} : { currentUser: lists.currentUser }) };
}

/** The server's roles (pg_* left out) and databases as they will be after the staged changes. */
export function projectServerLists(lists: ServerLists, changes: readonly ChangeInput[]): { roles: ListedRole[]; databases: ProjectedDatabase[] } {
  const p = projectSnapshot(listSnapshot(lists, '', []), changes, options(lists));
  const s = p.snapshot;
  // why: indexed once; a scan of every membership per role took seconds on 10,000 roles.
  const nameOf = new Map(s.roles.map((r) => [r.oid, r.name]));
  const groupsOf = new Map<number, string[]>();
  for (const m of s.memberships) {
    const group = nameOf.get(m.roleid);
    if (group === undefined) continue;
    const held = groupsOf.get(m.member);
    if (held === undefined) groupsOf.set(m.member, [group]);
    else held.push(group);
  }
  const roles = s.roles
    .filter((r) => !r.name.startsWith('pg_'))
    .map((r): ListedRole => ({
      name: r.name,
      kind: r.canLogin ? 'user' : 'group',
      superuser: r.superuser,
      inherit: r.inherit,
      createRole: r.createRole,
      createDb: r.createDb,
      replication: r.replication,
      bypassRls: r.bypassRls,
      connectionLimit: r.connectionLimit,
      validUntil: r.validUntil,
      memberOf: [...(groupsOf.get(r.oid) ?? [])].sort(),
      staged: p.stagedRoles.has(r.oid),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { roles, databases: [...p.databases] };
}

/**
 * The schemas of one database after the staged changes: `schemas` as the server lists them,
 * or null for a database only a staged change creates (it starts with `public`).
 */
export function projectSchemaList(lists: ServerLists, database: string, schemas: readonly { name: string; owner: string }[] | null, changes: readonly ChangeInput[]): ListedSchema[] {
  const owner = lists.databases.find((d) => d.name === database)?.owner ?? '';
  // why: CREATE DATABASE copies template1, whose public schema pg_database_owner owns from 15 on.
  const start = schemas ?? [{ name: 'public', owner: lists.serverMajor >= 15 ? 'pg_database_owner' : owner }];
  const created = projectServerLists(lists, changes).databases.find((d) => d.name === database);
  const withDb: ServerLists = created === undefined || !created.staged ? lists : { ...lists, databases: [...lists.databases, created] };
  const base = listSnapshot(withDb, database, start);
  const p = projectSnapshot(base, changes, options(withDb));
  const names = new Map(p.snapshot.roles.map((r) => [r.oid, r.name]));
  const name = (oid: number) => names.get(oid);
  // why: an owner the lists do not know (roles.list leaves pg_* out) keeps its listed name.
  const listed = new Map(base.schemas.map((s, i) => [s.oid, { owner: s.owner, name: start[i]?.owner ?? '' }]));
  const ownerOf = (oid: number, owner: number) => {
    const before = listed.get(oid);
    return before !== undefined && before.owner === owner ? before.name : (name(owner) ?? '');
  };
  return p.snapshot.schemas.map((s) => ({ name: s.name, owner: ownerOf(s.oid, s.owner), staged: schemas === null || p.stagedSchemas.has(s.oid) }));
}
