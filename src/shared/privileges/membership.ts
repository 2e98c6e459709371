import type { CatalogSnapshot } from '../catalog/snapshot';
import { PG_DATABASE_OWNER_OID } from './predefined';
import type { RoleDirectory } from './roleDirectory';
import { buildRoleDirectory } from './roleDirectory';

/** What the closure needs from a snapshot. */
export type MembershipInput = Pick<CatalogSnapshot, 'serverMajor' | 'roles' | 'memberships'> & {
  database: { owner: number };
};

/** Who uses whose privileges (PostgreSQL's has_privs_of_role), as role indices of the directory. */
export interface MembershipClosure {
  /** The roles; indices below are positions in it. */
  readonly directory: RoleDirectory;
  /** Per role: the roles whose privileges it inherits through one membership edge. */
  readonly edges: readonly Int32Array[];
  /** Per role: every role whose privileges it uses, itself first, then breadth-first. */
  readonly uses: readonly Int32Array[];
  /** Per role: every role that uses its privileges, itself included. */
  readonly usedBy: readonly Int32Array[];
}

/**
 * Builds the inheriting membership edges. Before 16 an edge inherits iff the MEMBER's
 * rolinherit is set; from 16 each pg_auth_members row has its own inherit_option and an
 * edge inherits if ANY of its rows (one per grantor) does.
 */
function inheritingEdges(input: MembershipInput, dir: RoleDirectory): Int32Array[] {
  const sets: Set<number>[] = dir.roles.map(() => new Set<number>());
  const add = (memberIdx: number, roleIdx: number): void => {
    if (memberIdx !== roleIdx) sets[memberIdx]?.add(roleIdx);
  };
  for (const m of input.memberships) {
    const memberIdx = dir.indexOf.get(m.member);
    const roleIdx = dir.indexOf.get(m.roleid);
    if (memberIdx === undefined || roleIdx === undefined) continue;
    const memberInherits = dir.roles[memberIdx]?.inherit ?? false;
    // why: acl.c roles_is_member_of (14/15) skips every edge of a member whose rolinherit
    // is false; from 16 it checks each row's inherit_option instead (rolinherit only sets
    // the default for new grants). null means the loader read a pre-16 catalog.
    const inherits = input.serverMajor >= 16 ? (m.inheritOption ?? memberInherits) : memberInherits;
    if (inherits) add(memberIdx, roleIdx);
  }
  const dbaIdx = dir.indexOf.get(input.database.owner);
  const pgDbOwnerIdx = dir.indexOf.get(PG_DATABASE_OWNER_OID);
  if (dbaIdx !== undefined && pgDbOwnerIdx !== undefined) {
    // why: the database owner is an implicit member of pg_database_owner (14+), which owns
    // the public schema from 15 on. roles_is_member_of adds it without looking at any
    // inherit_option from 16; in 14/15 it is skipped with the rest when rolinherit is false.
    const dbaInherits = dir.roles[dbaIdx]?.inherit ?? false;
    if (input.serverMajor >= 16 || dbaInherits) add(dbaIdx, pgDbOwnerIdx);
  }
  return sets.map((s) => Int32Array.from(s));
}

/** Breadth-first closure from every role; `stamp` marks visits so no Set is allocated per role. */
function forwardClosure(edges: readonly Int32Array[]): Int32Array[] {
  const n = edges.length;
  const stamp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const out: Int32Array[] = [];
  for (let start = 0; start < n; start++) {
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    stamp[start] = start;
    // why: cycles cannot exist in pg_auth_members, but the stamp stops any loop anyway,
    // and depth is unbounded (no recursion).
    while (head < tail) {
      const r = queue[head++] ?? 0;
      const next = edges[r];
      if (next === undefined) continue;
      for (const g of next) {
        if (stamp[g] !== start) {
          stamp[g] = start;
          queue[tail++] = g;
        }
      }
    }
    out.push(queue.slice(0, tail));
  }
  return out;
}

/** Inverts `uses` into `usedBy`. */
function invert(uses: readonly Int32Array[]): Int32Array[] {
  const counts = new Int32Array(uses.length);
  for (const list of uses) for (const g of list) counts[g] = (counts[g] ?? 0) + 1;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(uses.length);
  uses.forEach((list, r) => {
    for (const g of list) {
      const target = out[g];
      const at = fill[g] ?? 0;
      if (target) {
        target[at] = r;
        fill[g] = at + 1;
      }
    }
  });
  return out;
}

/** Computes, once per snapshot, which roles each role inherits privileges from. */
export function computeMembershipClosure(input: MembershipInput, directory?: RoleDirectory): MembershipClosure {
  const dir = directory ?? buildRoleDirectory(input.roles);
  const edges = inheritingEdges(input, dir);
  const uses = forwardClosure(edges);
  return { directory: dir, edges, uses, usedBy: invert(uses) };
}

/** Whether `memberOid` uses the privileges of `roleOid` (itself included); no superuser shortcut. */
export function usesPrivilegesOf(closure: MembershipClosure, memberOid: number, roleOid: number): boolean {
  const m = closure.directory.indexOf.get(memberOid);
  const r = closure.directory.indexOf.get(roleOid);
  if (m === undefined || r === undefined) return false;
  return closure.uses[m]?.includes(r) ?? false;
}

/**
 * For one role, a shortest inheritance path to every role whose privileges it uses:
 * oids from the role itself to the target, both included.
 */
export function inheritancePaths(closure: MembershipClosure, roleOid: number): Map<number, number[]> {
  const { directory: dir, edges } = closure;
  const paths = new Map<number, number[]>();
  const start = dir.indexOf.get(roleOid);
  if (start === undefined) return paths;
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const r = queue[head] ?? 0;
    for (const g of edges[r] ?? []) {
      if (!parent.has(g)) {
        parent.set(g, r);
        queue.push(g);
      }
    }
  }
  for (const r of queue) {
    const path: number[] = [];
    for (let at = r; at !== -1; at = parent.get(at) ?? -1) path.push(dir.roles[at]?.oid ?? 0);
    paths.set(dir.roles[r]?.oid ?? 0, path.reverse());
  }
  return paths;
}
