import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { AccessContext, CompactEntries } from './accessColumn';
import { PUBLIC_INDEX } from './accessColumn';
import { accessClasses, type AccessClasses } from './accessClasses';
import { newAclCache, relationEntries } from './effective';
import { compareText } from './matrixRows';
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
  private readonly entries: CompactEntries[];
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
  /** Per role index: its place in name order (code-unit order, as viaSummary sorts). */
  private readonly nameRank: Int32Array;
  private readonly byNameRank: string[];
  private readonly codes: Int32Array;
  /** Via id of a single source, by rank × roleCount + name rank; -1 until made. */
  private readonly singleIds: Int32Array;
  /** Via ids of several sources, by a hash of their sorted codes (each checked against its codes). */
  private readonly severalIds = new Map<number, { codes: Int32Array; id: number }[]>();
  /** Per class, for the loaded role: its one source's code, or how many (2 = several: look again). */
  private readonly sourceCode: Int32Array;
  private readonly sourceCount: Uint8Array;
  private readonly baseSourceCode: Int32Array;
  private readonly baseSourceCount: Uint8Array;
  private readonly viaTexts: string[] = [];
  private readonly viaIds = new Map<string, number>();
  private role = -1;
  private roleIsSuperuser = false;
  /**
   * Codes of via sources are rank × this.rank + the name's place in name order (ranks: 0
   * owner, 1 direct, 2 a group, 3 PUBLIC, 4 a predefined role), so codes sort as viaSummary
   * lists sources and a code is also its own slot in singleIds.
   */
  private readonly rank: number;

  constructor(
    private readonly snapshot: CatalogSnapshot,
    private readonly ctx: AccessContext,
  ) {
    const dir = ctx.closure.directory;
    const roleCount = dir.roles.length;
    this.rank = Math.max(roleCount, 1);
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
      for (let k = 0; k + 2 < entries.length; k += 3) {
        if (entries[k] !== PUBLIC_INDEX) continue;
        // why: aclmask matches PUBLIC entries for every role: the class's floor.
        this.basePrivileges[c] = (this.basePrivileges[c] ?? 0) | ((entries[k + 1] ?? 0) & allowed);
        this.baseGrantable[c] = (this.baseGrantable[c] ?? 0) | ((entries[k + 2] ?? 0) & relevant);
      }
      return entries;
    });
    // Entries by grantee, as compressed sparse rows: count, prefix sums, fill.
    const counts = new Uint32Array(roleCount + 1);
    const ownedCounts = new Uint32Array(roleCount + 1);
    this.entries.forEach((entries, c) => {
      for (let k = 0; k + 2 < entries.length; k += 3) {
        const g = entries[k] ?? -1;
        if (g >= 0) counts[g + 1] = (counts[g + 1] ?? 0) + 1;
      }
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
      for (let e = 0; e + 2 < entries.length; e += 3) {
        const g = entries[e] ?? -1;
        if (g < 0) continue;
        const k = counts[g] ?? 0;
        counts[g] = k + 1;
        this.byGranteeClass[k] = c;
        this.byGranteePrivileges[k] = (entries[e + 1] ?? 0) & allowed;
        this.byGranteeGrantable[k] = (entries[e + 2] ?? 0) & relevant;
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
    this.sourceCode = new Int32Array(classCount);
    this.sourceCount = new Uint8Array(classCount);
    this.baseSourceCode = new Int32Array(classCount).fill(3 * this.rank);
    this.baseSourceCount = Uint8Array.from(this.basePrivileges, (p) => (p !== 0 ? 1 : 0));
    const byName = Array.from(dir.roles, (_, i) => i).sort((a, b) => compareText(dir.roles[a]?.name ?? '', dir.roles[b]?.name ?? ''));
    this.nameRank = new Int32Array(roleCount);
    byName.forEach((r, rank) => (this.nameRank[r] = rank));
    this.byNameRank = byName.map((r) => dir.roles[r]?.name ?? '');
    // why: at most every entry of a class, its owner and each predefined role.
    const longest = this.entries.reduce((m, e) => Math.max(m, e.length / 3), 0);
    this.codes = new Int32Array(longest + 1 + this.predefined.length);
    this.singleIds = new Int32Array(5 * this.rank).fill(-1);
  }

  /** Role indices in name order (code-unit order, as the flat matrix sorts them). */
  rolesByName(): number[] {
    return Array.from(this.nameRank.keys()).sort((a, b) => (this.nameRank[a] ?? 0) - (this.nameRank[b] ?? 0));
  }

  /** Whether role index `role` is a superuser (every relevant privilege, grantable; "superuser"). */
  isSuperuser(role: number): boolean {
    return this.ctx.closure.directory.roles[role]?.superuser === true;
  }

  /** Computes role index `role`'s cell on every class into `privileges` / `grantable` (superusers: left as they are). */
  load(role: number): void {
    this.role = role;
    this.roleIsSuperuser = this.isSuperuser(role);
    if (this.roleIsSuperuser) return;
    const { privileges, grantable } = this;
    privileges.set(this.basePrivileges);
    grantable.set(this.baseGrantable);
    this.sourceCode.set(this.baseSourceCode);
    this.sourceCount.set(this.baseSourceCount);
    const stamp = role + 1;
    // why: has_privs_of_role: an entry counts for every role that inherits from its grantee.
    for (const g of this.ctx.closure.uses[role] ?? []) this.uses[g] = stamp;
    for (const g of this.ctx.closure.uses[role] ?? []) {
      const groupCode = 2 * this.rank + (this.nameRank[g] ?? 0);
      const end = this.byGranteeStart[g + 1] ?? 0;
      for (let k = this.byGranteeStart[g] ?? 0; k < end; k++) {
        const c = this.byGranteeClass[k] ?? 0;
        const p = this.byGranteePrivileges[k] ?? 0;
        privileges[c] = (privileges[c] ?? 0) | p;
        grantable[c] = (grantable[c] ?? 0) | (this.byGranteeGrantable[k] ?? 0);
        if (p !== 0) this.source(c, g !== role ? groupCode : g === this.owner[c] ? 0 : this.rank);
      }
      // why: acl.c aclmask: the owner (and whoever uses its privileges) holds every grant option.
      const ownedEnd = this.ownedStart[g + 1] ?? 0;
      for (let k = this.ownedStart[g] ?? 0; k < ownedEnd; k++) {
        const c = this.ownedClass[k] ?? 0;
        grantable[c] = (grantable[c] ?? 0) | (this.classRelevant[c] ?? 0);
        this.source(c, g === role ? 0 : groupCode);
      }
    }
    for (const p of this.predefined) {
      if (this.uses[p.index] !== stamp) continue;
      // why: aclchk.c adds the predefined roles' privileges after the ACL, on every relation.
      const code = 4 * this.rank + (this.nameRank[p.index] ?? 0);
      for (let c = 0; c < privileges.length; c++) {
        const mask = p.privileges & (this.allowed[c] ?? 0);
        if (mask === 0) continue;
        privileges[c] = (privileges[c] ?? 0) | mask;
        this.source(c, code);
      }
    }
  }

  /** Notes one source of the loaded role's cell on class `c` (the same source twice counts once). */
  private source(c: number, code: number): void {
    const n = this.sourceCount[c] ?? 0;
    if (n === 0) {
      this.sourceCode[c] = code;
      this.sourceCount[c] = 1;
    } else if (n === 1 && this.sourceCode[c] !== code) this.sourceCount[c] = 2;
  }

  /**
   * Where the loaded role's cell on class `c` comes from, as an id for viaText: what
   * matrixRows' viaSummary says (owner, direct, the groups, PUBLIC, predefined roles, by
   * rank then name). why: a million (role, class) pairs on a large catalog; most have one
   * source, whose text is made once, and none allocates unless it has several.
   */
  via(c: number): number {
    const role = this.role;
    if (this.roleIsSuperuser) return this.intern('superuser');
    if (this.sourceCount[c] === 1) return this.single(this.sourceCode[c] ?? 0);
    const stamp = role + 1;
    const owner = this.owner[c] ?? -1;
    const allowed = this.allowed[c] ?? 0;
    const codes = this.codes;
    let n = 0;
    const entries = this.entries[c] ?? [];
    for (let k = 0; k + 2 < entries.length; k += 3) {
      if (((entries[k + 1] ?? 0) & allowed) === 0) continue;
      const grantee = entries[k] ?? -1;
      if (grantee === PUBLIC_INDEX) codes[n++] = 3 * this.rank;
      else if (grantee >= 0 && this.uses[grantee] === stamp) {
        codes[n++] = grantee === role ? (grantee === owner ? 0 : this.rank) : 2 * this.rank + (this.nameRank[grantee] ?? 0);
      }
    }
    if (owner >= 0 && this.uses[owner] === stamp) codes[n++] = owner === role ? 0 : 2 * this.rank + (this.nameRank[owner] ?? 0);
    for (const p of this.predefined) {
      if (this.uses[p.index] === stamp && (p.privileges & allowed) !== 0) codes[n++] = 4 * this.rank + (this.nameRank[p.index] ?? 0);
    }
    if (n === 1) return this.single(codes[0] ?? 0);
    // why: in place (a few codes), then found by hash and compared by hand: no allocation
    // for the combinations seen before (most of them).
    for (let a = 1; a < n; a++) {
      const v = codes[a] ?? 0;
      let b = a - 1;
      for (; b >= 0 && (codes[b] ?? 0) > v; b--) codes[b + 1] = codes[b] ?? 0;
      codes[b + 1] = v;
    }
    let hash = n;
    for (let k = 0; k < n; k++) hash = Math.imul(hash ^ (codes[k] ?? 0), 0x01000193);
    const known = this.severalIds.get(hash);
    if (known !== undefined) {
      for (const e of known) {
        if (e.codes.length !== n) continue;
        let same = true;
        for (let k = 0; k < n && same; k++) same = e.codes[k] === codes[k];
        if (same) return e.id;
      }
    }
    const sorted = codes.slice(0, n);
    const names: string[] = [];
    for (const code of sorted) {
      const name = this.codeName(code);
      // why: viaSummary keeps each name once (a group could be called "owner").
      if (!names.includes(name)) names.push(name);
    }
    const id = this.intern(names.join(';'));
    const entry = { codes: sorted, id };
    if (known === undefined) this.severalIds.set(hash, [entry]);
    else known.push(entry);
    return id;
  }

  /** The text of a via id. */
  viaText(id: number): string {
    return this.viaTexts[id] ?? '';
  }

  /** How many via ids there are so far. */
  get viaCount(): number {
    return this.viaTexts.length;
  }

  private single(code: number): number {
    let id = this.singleIds[code] ?? -1;
    if (id < 0) {
      id = this.intern(this.codeName(code));
      this.singleIds[code] = id;
    }
    return id;
  }

  private codeName(code: number): string {
    const rank = Math.floor(code / this.rank);
    if (rank === 0) return 'owner';
    if (rank === 1) return 'direct';
    if (rank === 3) return 'PUBLIC';
    return this.byNameRank[code % this.rank] ?? '';
  }

  private intern(text: string): number {
    let id = this.viaIds.get(text);
    if (id === undefined) {
      id = this.viaTexts.length;
      this.viaTexts.push(text);
      this.viaIds.set(text, id);
    }
    return id;
  }
}
