import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { AccessContext, CompactEntry } from './accessColumn';
import { PUBLIC_INDEX } from './accessColumn';
import { accessClasses, type AccessClasses } from './accessClasses';
import { newAclCache, relationEntries } from './effective';
import { predefinedGrantsFor } from './predefined';
import { deniedOnRelation } from './systemCatalog';

/**
 * One role at a time, its cells on every access class and, on demand, where each class's
 * cell comes from: what the flat matrix (CLI, CSV download) needs, row by row, without
 * the whole matrix or a per-cell explanation. Each ACL entry is filed under its grantee,
 * so a role's pass visits only the entries of the roles it uses (itself included), plus
 * one sweep over the classes for PUBLIC's base.
 */
export class RoleSweep {
  readonly classes: AccessClasses;
  /** Per class, for the role of the last `load`: privilege bits and grant-option bits. */
  readonly privileges: Uint16Array;
  readonly grantable: Uint16Array;
  private readonly entries: CompactEntry[][];
  private readonly owner: Int32Array;
  private readonly allowed: Uint16Array;
  private readonly classRelevant: Uint16Array;
  private readonly basePrivileges: Uint16Array;
  private readonly baseGrantable: Uint16Array;
  /** Entries by grantee (CSR): the classes and bits each role's own entries give. */
  private readonly byGranteeStart: Uint32Array;
  private readonly byGranteeClass: Uint32Array;
  private readonly byGranteePrivileges: Uint16Array;
  private readonly byGranteeGrantable: Uint16Array;
  /** Classes by owner (CSR): the owner's implicit grant options. */
  private readonly ownedStart: Uint32Array;
  private readonly ownedClass: Uint32Array;
  /** Predefined roles present: role index, name, relation privileges. */
  private readonly predefined: { index: number; name: string; privileges: number }[];
  /** Stamp per role index: `role + 1` when the loaded role uses it. */
  private readonly uses: Int32Array;
  private readonly viaStamp: Int32Array;
  private readonly viaText: (string | undefined)[];
  private role = -1;

  constructor(
    private readonly snapshot: CatalogSnapshot,
    private readonly ctx: AccessContext,
  ) {
    const dir = ctx.closure.directory;
    const roleCount = dir.roles.length;
    this.classes = accessClasses(snapshot);
    const classCount = this.classes.firsts.length;
    this.privileges = new Uint16Array(classCount);
    this.grantable = new Uint16Array(classCount);
    this.owner = new Int32Array(classCount);
    this.allowed = new Uint16Array(classCount);
    this.classRelevant = new Uint16Array(classCount);
    this.basePrivileges = new Uint16Array(classCount);
    this.baseGrantable = new Uint16Array(classCount);
    const cache = newAclCache();
    this.entries = this.classes.firsts.map((j, c) => {
      const rel = snapshot.relations[j] as SnapshotRelation;
      const relevant = this.classes.relevant[j] ?? 0;
      const allowed = relevant & ~deniedOnRelation(rel);
      this.owner[c] = dir.indexOf.get(rel.owner) ?? -1;
      this.allowed[c] = allowed;
      this.classRelevant[c] = relevant;
      const entries = relationEntries(ctx, rel, cache);
      for (const e of entries) {
        if (e.grantee !== PUBLIC_INDEX) continue;
        // why: aclmask matches PUBLIC entries for every role: the class's floor.
        this.basePrivileges[c] = (this.basePrivileges[c] ?? 0) | (e.privileges & allowed);
        this.baseGrantable[c] = (this.baseGrantable[c] ?? 0) | (e.grantOptions & relevant);
      }
      return entries;
    });
    // Entries by grantee, as compressed sparse rows: count, prefix sums, fill.
    const counts = new Uint32Array(roleCount + 1);
    const ownedCounts = new Uint32Array(roleCount + 1);
    this.entries.forEach((entries, c) => {
      for (const e of entries) if (e.grantee >= 0) counts[e.grantee + 1] = (counts[e.grantee + 1] ?? 0) + 1;
      const o = this.owner[c] ?? -1;
      if (o >= 0) ownedCounts[o + 1] = (ownedCounts[o + 1] ?? 0) + 1;
    });
    for (let r = 0; r < roleCount; r++) {
      counts[r + 1] = (counts[r + 1] ?? 0) + (counts[r] ?? 0);
      ownedCounts[r + 1] = (ownedCounts[r + 1] ?? 0) + (ownedCounts[r] ?? 0);
    }
    const total = counts[roleCount] ?? 0;
    this.byGranteeStart = counts.slice();
    this.byGranteeClass = new Uint32Array(total);
    this.byGranteePrivileges = new Uint16Array(total);
    this.byGranteeGrantable = new Uint16Array(total);
    this.ownedStart = ownedCounts.slice();
    this.ownedClass = new Uint32Array(ownedCounts[roleCount] ?? 0);
    this.entries.forEach((entries, c) => {
      const allowed = this.allowed[c] ?? 0;
      const relevant = this.classRelevant[c] ?? 0;
      for (const e of entries) {
        if (e.grantee < 0) continue;
        const k = counts[e.grantee] ?? 0;
        counts[e.grantee] = k + 1;
        this.byGranteeClass[k] = c;
        this.byGranteePrivileges[k] = e.privileges & allowed;
        this.byGranteeGrantable[k] = e.grantOptions & relevant;
      }
      const o = this.owner[c] ?? -1;
      if (o >= 0) {
        const k = ownedCounts[o] ?? 0;
        ownedCounts[o] = k + 1;
        this.ownedClass[k] = c;
      }
    });
    this.predefined = predefinedGrantsFor(snapshot.serverMajor).flatMap((g) => {
      const index = dir.indexOf.get(g.oid);
      return index === undefined ? [] : [{ index, name: g.name, privileges: g.relationPrivileges }];
    });
    this.uses = new Int32Array(roleCount);
    this.viaStamp = new Int32Array(classCount);
    this.viaText = new Array<string | undefined>(classCount);
  }

  /** Whether role index `role` is a superuser (every relevant privilege, grantable; "superuser"). */
  isSuperuser(role: number): boolean {
    return this.ctx.closure.directory.roles[role]?.superuser === true;
  }

  /** Computes role index `role`'s cell on every class into `privileges` / `grantable` (superusers: left as they are). */
  load(role: number): void {
    this.role = role;
    if (this.isSuperuser(role)) return;
    const { privileges, grantable } = this;
    privileges.set(this.basePrivileges);
    grantable.set(this.baseGrantable);
    const stamp = role + 1;
    // why: has_privs_of_role: an entry counts for every role that inherits from its grantee.
    for (const g of this.ctx.closure.uses[role] ?? []) {
      this.uses[g] = stamp;
      const end = this.byGranteeStart[g + 1] ?? 0;
      for (let k = this.byGranteeStart[g] ?? 0; k < end; k++) {
        const c = this.byGranteeClass[k] ?? 0;
        privileges[c] = (privileges[c] ?? 0) | (this.byGranteePrivileges[k] ?? 0);
        grantable[c] = (grantable[c] ?? 0) | (this.byGranteeGrantable[k] ?? 0);
      }
      // why: acl.c aclmask: the owner (and whoever uses its privileges) holds every grant option.
      const ownedEnd = this.ownedStart[g + 1] ?? 0;
      for (let k = this.ownedStart[g] ?? 0; k < ownedEnd; k++) {
        const c = this.ownedClass[k] ?? 0;
        grantable[c] = (grantable[c] ?? 0) | (this.classRelevant[c] ?? 0);
      }
    }
    for (const p of this.predefined) {
      if (this.uses[p.index] !== stamp) continue;
      // why: aclchk.c adds the predefined roles' privileges after the ACL, on every relation.
      for (let c = 0; c < privileges.length; c++) privileges[c] = (privileges[c] ?? 0) | (p.privileges & (this.allowed[c] ?? 0));
    }
  }

  /**
   * Where the loaded role's cell on class `c` comes from, as matrixRows' viaSummary says it
   * (owner, direct, the groups, PUBLIC, predefined roles), computed once per class.
   */
  via(c: number): string {
    const role = this.role;
    if (this.isSuperuser(role)) return 'superuser';
    if (this.viaStamp[c] === role + 1) return this.viaText[c] ?? '';
    const stamp = role + 1;
    const dir = this.ctx.closure.directory;
    const owner = this.owner[c] ?? -1;
    const allowed = this.allowed[c] ?? 0;
    const ranked: [number, string][] = [];
    for (const e of this.entries[c] ?? []) {
      if ((e.privileges & allowed) === 0) continue;
      if (e.grantee === PUBLIC_INDEX) ranked.push([3, 'PUBLIC']);
      else if (e.grantee >= 0 && this.uses[e.grantee] === stamp) {
        ranked.push(e.grantee === role ? (e.grantee === owner ? [0, 'owner'] : [1, 'direct']) : [2, dir.roles[e.grantee]?.name ?? '']);
      }
    }
    if (owner >= 0 && this.uses[owner] === stamp) ranked.push(owner === role ? [0, 'owner'] : [2, dir.roles[owner]?.name ?? '']);
    for (const p of this.predefined) {
      if (this.uses[p.index] === stamp && (p.privileges & allowed) !== 0) ranked.push([4, p.name]);
    }
    ranked.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const text = [...new Set(ranked.map(([, name]) => name))].join(';');
    this.viaStamp[c] = stamp;
    this.viaText[c] = text;
    return text;
  }
}
