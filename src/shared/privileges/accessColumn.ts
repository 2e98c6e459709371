import type { CatalogSnapshot } from '../catalog/snapshot';
import type { AclEntry } from './aclResolve';
import { PUBLIC_OID } from './aclResolve';
import type { MembershipClosure } from './membership';
import { computeMembershipClosure } from './membership';
import { predefinedGrantsFor } from './predefined';

/** Grantee index of a PUBLIC entry in a compact ACL. */
export const PUBLIC_INDEX = -1;
/** Grantee index of an entry whose role is not in the snapshot (it can match nobody). */
export const UNKNOWN_INDEX = -2;

/**
 * An ACL's entries with grantees as role indices, for the hot loops, packed three numbers
 * per entry: grantee (a role index, PUBLIC_INDEX or UNKNOWN_INDEX), privilege bits, grant
 * option bits. why: one array of small integers per ACL instead of an object per entry: a
 * large catalog has 190,000 entries in 48,000 distinct ACLs, and as objects they were most
 * of the garbage collector's work while the matrix was computed.
 */
export type CompactEntries = readonly number[];

/** Everything computed once per snapshot and shared by every object check. */
export interface AccessContext {
  /** Server major of the snapshot. */
  readonly serverMajor: number;
  /** Membership closure. */
  readonly closure: MembershipClosure;
  /** Indices of superuser roles. */
  readonly superusers: Int32Array;
  /** Per predefined role present: the non-superuser roles that use its privileges. */
  readonly predefined: readonly {
    /** The predefined role's own index. */
    readonly index: number;
    readonly users: Int32Array;
    readonly relationPrivileges: number;
    readonly schemaPrivileges: number;
  }[];
}

/** One object to check: its ACL (or acldefault), owner and the privileges that matter. */
export interface ObjectAccessInput {
  /** The ACL, already defaulted when the catalog had NULL. */
  entries: CompactEntries;
  /** Owner's role index, or -1 when the owner is not in the snapshot. */
  ownerIndex: number;
  /** Privileges that exist for this kind of object. */
  relevant: number;
  /** Privileges denied to every non-superuser whatever the ACL says (system catalogs). */
  denied: number;
  /** Which predefined-role privileges apply: relations, schemas, or none (databases). */
  predefined: 'relation' | 'schema' | 'none';
}

/** Builds the per-snapshot context: closure, superusers, and users of predefined roles. */
export function buildAccessContext(
  snapshot: Pick<CatalogSnapshot, 'serverMajor' | 'roles' | 'memberships' | 'database'>,
  closure: MembershipClosure = computeMembershipClosure(snapshot),
): AccessContext {
  const roles = closure.directory.roles;
  const superusers = Int32Array.from(roles.flatMap((r, i) => (r.superuser ? [i] : [])));
  const predefined = predefinedGrantsFor(snapshot.serverMajor).flatMap((grant) => {
    const idx = closure.directory.indexOf.get(grant.oid);
    if (idx === undefined) return [];
    const users = Array.from(closure.usedBy[idx] ?? []).filter((r) => !(roles[r]?.superuser ?? false));
    return [{ index: idx, users: Int32Array.from(users), relationPrivileges: grant.relationPrivileges, schemaPrivileges: grant.schemaPrivileges }];
  });
  return { serverMajor: snapshot.serverMajor, closure, superusers, predefined };
}

/** Maps oid-based ACL entries to compact ones. */
export function compactEntries(entries: readonly AclEntry[], closure: MembershipClosure): number[] {
  const out: number[] = [];
  for (const e of entries) {
    const grantee =
      e.grantee === PUBLIC_OID ? PUBLIC_INDEX : e.grantee === null ? UNKNOWN_INDEX : (closure.directory.indexOf.get(e.grantee) ?? UNKNOWN_INDEX);
    out.push(grantee, e.privileges, e.grantOptions);
  }
  return out;
}

/**
 * Per-role cells of one object that differ from its base, gathered without touching the
 * roles that have nothing: a dense pair of columns that stays zero between objects, and
 * the list of roles written since the last clear.
 */
export class ColumnScratch {
  /** Privilege bits by role index. */
  readonly privileges: Uint16Array;
  /** Grant-option bits by role index. */
  readonly grantable: Uint16Array;
  /** Role indices written since the last clear, in the order first written. */
  readonly touched: Int32Array;
  /** How many of `touched` are in use. */
  count = 0;

  constructor(roleCount: number) {
    this.privileges = new Uint16Array(roleCount);
    this.grantable = new Uint16Array(roleCount);
    this.touched = new Int32Array(roleCount);
  }

  /** ORs bits into one role's cell. */
  add(role: number, privileges: number, grantable: number): void {
    if ((privileges | grantable) === 0) return;
    if (((this.privileges[role] ?? 0) | (this.grantable[role] ?? 0)) === 0) this.touched[this.count++] = role;
    this.privileges[role] = (this.privileges[role] ?? 0) | privileges;
    this.grantable[role] = (this.grantable[role] ?? 0) | grantable;
  }

  /** Zeroes the written cells again. */
  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const r = this.touched[i] ?? 0;
      this.privileges[r] = 0;
      this.grantable[r] = 0;
    }
    this.count = 0;
  }
}

/**
 * Receives what a grantee gives on one object: `privileges` and `grantable` for each role in
 * `users` (the roles that use the grantee's privileges, the grantee among them).
 */
export type AccessSink = (grantee: number, users: ArrayLike<number> & Iterable<number>, privileges: number, grantable: number) => void;

/** The plain sink: every user of the grantee gets the privileges in `scratch`. */
export function toEveryUser(scratch: ColumnScratch): AccessSink {
  return (_grantee, users, privileges, grantable) => {
    for (const r of users) scratch.add(r, privileges, grantable);
  };
}

/**
 * PostgreSQL's aclmask plus the checks aclchk.c wraps around it, for every role on one
 * object, in two parts: the returned base, which every role has (PUBLIC's entries), and
 * per-role additions handed to `give` (grantee, the roles that use its privileges, what).
 * Superusers are left to the caller: they have
 * every relevant privilege with grant option, whatever this says.
 */
export function accessExtras(ctx: AccessContext, obj: ObjectAccessInput, give: AccessSink): { privileges: number; grantable: number } {
  const { usedBy } = ctx.closure;
  // why: pg_class_aclmask_ext removes INSERT/UPDATE/DELETE/TRUNCATE/USAGE on system
  // catalogs for non-superusers before looking at the ACL; grant options are not removed.
  const allowed = obj.relevant & ~obj.denied;
  let publicPrivs = 0;
  let publicGrants = 0;
  const es = obj.entries;
  for (let k = 0; k + 2 < es.length; k += 3) {
    const grantee = es[k] ?? UNKNOWN_INDEX;
    const privileges = es[k + 1] ?? 0;
    const grantOptions = es[k + 2] ?? 0;
    if (grantee === PUBLIC_INDEX) {
      // why: aclmask matches PUBLIC entries for every role, so they are the column's floor.
      publicPrivs |= privileges;
      publicGrants |= grantOptions;
      continue;
    }
    if (grantee < 0) continue;
    const p = privileges & allowed;
    const g = grantOptions & obj.relevant;
    if ((p | g) === 0) continue;
    // why: aclmask's second pass: an entry counts for every role that has_privs_of_role
    // its grantee, i.e. every role that inherits from it (and the grantee itself).
    give(grantee, usedBy[grantee] ?? [], p, g);
  }
  if (obj.ownerIndex >= 0) {
    // why: acl.c aclmask: "Owner always implicitly has all grant options", for every role
    // that has_privs_of_role(owner), even when the owner revoked its own privileges.
    give(obj.ownerIndex, usedBy[obj.ownerIndex] ?? [], 0, obj.relevant);
  }
  // why: aclchk.c adds pg_write_all_data's INSERT/UPDATE/DELETE only when none of them is
  // already in the result; has_table_privilege asks one privilege at a time, so per
  // privilege this is the same as OR-ing all of them in, which is what the matrix needs.
  if (obj.predefined !== 'none') {
    for (const p of ctx.predefined) {
      const mask = (obj.predefined === 'relation' ? p.relationPrivileges : p.schemaPrivileges) & allowed;
      if (mask === 0) continue;
      // why: its users list leaves superusers out (they have everything anyway).
      give(p.index, p.users, mask, 0);
    }
  }
  return { privileges: publicPrivs & allowed, grantable: publicGrants & obj.relevant };
}

/**
 * Writes every role's effective privileges and grant options on one object into
 * `privs`/`grants` at [base, base + roleCount) (see accessExtras). `privs`/`grants` must
 * be zero there; `scratch` (one per loop, reused) is left clear.
 */
export function fillAccessColumn(
  ctx: AccessContext,
  obj: ObjectAccessInput,
  privs: Uint16Array,
  grants: Uint16Array,
  base: number,
  scratch: ColumnScratch,
): void {
  const roleCount = ctx.closure.usedBy.length;
  const floor = accessExtras(ctx, obj, toEveryUser(scratch));
  if (floor.privileges !== 0) privs.fill(floor.privileges, base, base + roleCount);
  if (floor.grantable !== 0) grants.fill(floor.grantable, base, base + roleCount);
  for (let i = 0; i < scratch.count; i++) {
    const r = scratch.touched[i] ?? 0;
    privs[base + r] = (privs[base + r] ?? 0) | (scratch.privileges[r] ?? 0);
    grants[base + r] = (grants[base + r] ?? 0) | (scratch.grantable[r] ?? 0);
  }
  scratch.clear();
  // why: superusers bypass every check (superuser_arg() comes before the ACL is read).
  for (const r of ctx.superusers) {
    privs[base + r] = obj.relevant;
    grants[base + r] = obj.relevant;
  }
}
