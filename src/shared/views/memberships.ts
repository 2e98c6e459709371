import type { CatalogSnapshot, SnapshotMembership } from '../catalog/snapshot';
import type { MembershipClosure } from '../privileges/membership';
import { PG_DATABASE_OWNER_OID } from '../privileges/predefined';

/** One membership (member → group) with its options, all of pg_auth_members' rows for the pair taken together. */
export interface MembershipEdge {
  memberOid: number;
  member: string;
  groupOid: number;
  group: string;
  /**
   * The member uses the group's privileges through this edge: from 16 any row's
   * inherit_option; before 16 the member's rolinherit (the row has no option of its own).
   */
  inherit: boolean;
  /** The member may SET ROLE to the group through this edge: from 16 any row's set_option; before 16 always. */
  set: boolean;
  /** WITH ADMIN OPTION on any row. */
  admin: boolean;
  /** Grantors of the rows, by name (from 16 one row per grantor). */
  grantors: readonly string[];
  /** The database owner's implicit membership in pg_database_owner (no pg_auth_members row). */
  implicit: boolean;
}

/** One role of the graph. */
export interface MembershipNode {
  oid: number;
  name: string;
  login: boolean;
  superuser: boolean;
  /** Distance from the viewed role: negative above (its groups), 0 the role, positive below (its members). */
  layer: number;
  /**
   * Above: the viewed role uses this group's privileges (pg_has_role USAGE); below: this
   * member uses the viewed role's privileges. Superusers aside (they bypass every check).
   */
  inherits: boolean;
  /** Above: the viewed role may SET ROLE to this group; below: this member may SET ROLE to the viewed role (pg_has_role SET). */
  canSet: boolean;
}

/** A role's memberships: its groups transitively (up), its members transitively (down). */
export interface MembershipGraph {
  nodes: readonly MembershipNode[];
  /** Every edge among the role's groups (up) and among its members (down). */
  up: readonly MembershipEdge[];
  down: readonly MembershipEdge[];
}

/** pg_auth_members' rows for each (member, group) pair combined into one edge, plus pg_database_owner's implicit one. */
export function membershipEdges(snapshot: Pick<CatalogSnapshot, 'serverMajor' | 'roles' | 'memberships' | 'database'>): MembershipEdge[] {
  const byOid = new Map(snapshot.roles.map((r) => [r.oid, r]));
  const name = (oid: number) => byOid.get(oid)?.name ?? String(oid);
  const modern = snapshot.serverMajor >= 16;
  const pairs = new Map<string, { rows: SnapshotMembership[] }>();
  for (const m of snapshot.memberships) {
    const key = `${m.member}:${m.roleid}`;
    const pair = pairs.get(key);
    if (pair === undefined) pairs.set(key, { rows: [m] });
    else pair.rows.push(m);
  }
  const edges: MembershipEdge[] = [];
  for (const { rows } of pairs.values()) {
    const first = rows[0];
    if (first === undefined) continue;
    const memberInherits = byOid.get(first.member)?.inherit ?? false;
    edges.push({
      memberOid: first.member,
      member: name(first.member),
      groupOid: first.roleid,
      group: name(first.roleid),
      // why: the same rules as membership.ts inheritingEdges (acl.c roles_is_member_of).
      inherit: rows.some((r) => (modern ? (r.inheritOption ?? memberInherits) : memberInherits)),
      set: !modern || rows.some((r) => r.setOption ?? true),
      admin: rows.some((r) => r.adminOption),
      grantors: [...new Set(rows.map((r) => name(r.grantor)))].sort(),
      implicit: false,
    });
  }
  const dba = byOid.get(snapshot.database.owner);
  if (dba !== undefined && byOid.has(PG_DATABASE_OWNER_OID)) {
    // why: roles_is_member_of adds pg_database_owner for the database owner; from 16 without
    // looking at any option, in 14/15 only when it inherits (see membership.ts).
    edges.push({
      memberOid: dba.oid,
      member: dba.name,
      groupOid: PG_DATABASE_OWNER_OID,
      group: name(PG_DATABASE_OWNER_OID),
      inherit: modern || dba.inherit,
      set: true,
      admin: false,
      grantors: [],
      implicit: true,
    });
  }
  return edges;
}

/** Breadth-first over `next` from `start`: each reached oid with its distance (start excluded). */
function reach(start: number, next: ReadonlyMap<number, readonly MembershipEdge[]>, far: (e: MembershipEdge) => number, follow: (e: MembershipEdge) => boolean = () => true): Map<number, number> {
  const depth = new Map<number, number>([[start, 0]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] ?? 0;
    for (const e of next.get(at) ?? []) {
      const to = far(e);
      if (!follow(e) || depth.has(to)) continue;
      depth.set(to, (depth.get(at) ?? 0) + 1);
      queue.push(to);
    }
  }
  depth.delete(start);
  return depth;
}

function group<K>(edges: readonly MembershipEdge[], key: (e: MembershipEdge) => K): Map<K, MembershipEdge[]> {
  const out = new Map<K, MembershipEdge[]>();
  for (const e of edges) {
    const list = out.get(key(e));
    if (list === undefined) out.set(key(e), [e]);
    else list.push(e);
  }
  return out;
}

/**
 * The role's memberships up and down, transitively, with each edge's options and, per role
 * reached, whether privileges flow (the engine's closure, which the matrix uses) and
 * whether SET ROLE does (edges with SET, acl.c member_can_set_role).
 */
export function membershipGraph(snapshot: Pick<CatalogSnapshot, 'serverMajor' | 'roles' | 'memberships' | 'database'>, closure: MembershipClosure, roleOid: number): MembershipGraph {
  const edges = membershipEdges(snapshot);
  const byMember = group(edges, (e) => e.memberOid);
  const byGroup = group(edges, (e) => e.groupOid);
  const above = reach(roleOid, byMember, (e) => e.groupOid);
  const below = reach(roleOid, byGroup, (e) => e.memberOid);
  const setAbove = reach(roleOid, byMember, (e) => e.groupOid, (e) => e.set);
  const setBelow = reach(roleOid, byGroup, (e) => e.memberOid, (e) => e.set);
  const dir = closure.directory;
  const self = dir.indexOf.get(roleOid) ?? -1;
  const uses = new Set(closure.uses[self] ?? []);
  const usedBy = new Set(closure.usedBy[self] ?? []);
  const node = (oid: number, layer: number, inherits: boolean, canSet: boolean): MembershipNode => {
    const r = dir.roles[dir.indexOf.get(oid) ?? -1];
    return { oid, name: r?.name ?? String(oid), login: r?.canLogin ?? false, superuser: r?.superuser ?? false, layer, inherits, canSet };
  };
  const nodes = [node(roleOid, 0, true, true)];
  for (const [oid, d] of above) nodes.push(node(oid, -d, uses.has(dir.indexOf.get(oid) ?? -1), setAbove.has(oid)));
  for (const [oid, d] of below) nodes.push(node(oid, d, usedBy.has(dir.indexOf.get(oid) ?? -1), setBelow.has(oid)));
  const inUp = new Set([roleOid, ...above.keys()]);
  const inDown = new Set([roleOid, ...below.keys()]);
  return {
    nodes,
    up: edges.filter((e) => inUp.has(e.memberOid) && inUp.has(e.groupOid)),
    down: edges.filter((e) => inDown.has(e.memberOid) && inDown.has(e.groupOid)),
  };
}
