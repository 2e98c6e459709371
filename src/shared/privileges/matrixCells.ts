import type { ColumnScratch } from './accessColumn';

/**
 * The cells of a role × relation matrix, compact. Relations with the same ACL, owner, kind
 * and system-catalog status have the same cells, so they share an access class. A class
 * holds a base (what every role has: PUBLIC's entries), per role that has more, its
 * additions (compressed sparse rows, roles ascending), and references to groups: "every
 * user of role g also has these bits", read through the users lists (also compressed
 * sparse rows). A grant to a group with many members is one reference, not an addition
 * per member, so a catalog of 10,000 roles where groups hold the grants stays small and
 * is computed in one pass over the ACLs. Superusers have every relevant privilege with
 * grant option.
 */
export interface MatrixCells {
  /** Roles in snapshot order. */
  readonly roleCount: number;
  /** Per relation: its access class. */
  readonly classOf: Uint32Array;
  /** Per relation: the privileges its kind has (sequences: USAGE SELECT UPDATE). */
  readonly relevant: Uint16Array;
  /** Per role: 1 when superuser (its cells are "all, meaningless"). */
  readonly superuser: Uint8Array;
  /** Per class: privilege bits every role has. */
  readonly basePrivileges: Uint16Array;
  /** Per class: grant-option bits every role has. */
  readonly baseGrantable: Uint16Array;
  /** Class c's additions are at [extraStart[c], extraStart[c + 1]). */
  readonly extraStart: Uint32Array;
  /** Role index of each addition, ascending within a class. */
  readonly extraRole: Uint32Array;
  /** Privilege bits of each addition. */
  readonly extraPrivileges: Uint16Array;
  /** Grant-option bits of each addition. */
  readonly extraGrantable: Uint16Array;
  /** Class c's group references are at [refStart[c], refStart[c + 1]). */
  readonly refStart: Uint32Array;
  /** The role index whose users a reference reaches. */
  readonly refRole: Uint32Array;
  /** Privilege bits of each reference. */
  readonly refPrivileges: Uint16Array;
  /** Grant-option bits of each reference. */
  readonly refGrantable: Uint16Array;
  /** The users of role g (who have its privileges, g included) are usersOf[usersStart[g] .. usersStart[g + 1]), ascending. */
  readonly usersStart: Uint32Array;
  readonly usersOf: Uint32Array;
}

/** Whether `role` is in the ascending `list` between `lo` and `hi` (exclusive). */
function within(list: Uint32Array, lo: number, hi: number, role: number): boolean {
  let a = lo;
  let b = hi - 1;
  while (a <= b) {
    const mid = (a + b) >>> 1;
    const r = list[mid] ?? 0;
    if (r === role) return true;
    if (r < role) a = mid + 1;
    else b = mid - 1;
  }
  return false;
}

/** Whether role index `role` uses the privileges of role index `group` (is among its users). */
export function usesRole(m: MatrixCells, role: number, group: number): boolean {
  return within(m.usersOf, m.usersStart[group] ?? 0, m.usersStart[group + 1] ?? 0, role);
}

/** Where role `role`'s addition in class `c` is, or -1 when it has none (binary search). */
function extraAt(m: MatrixCells, c: number, role: number): number {
  let lo = m.extraStart[c] ?? 0;
  let hi = (m.extraStart[c + 1] ?? lo) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = m.extraRole[mid] ?? 0;
    if (r === role) return mid;
    if (r < role) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The effective privileges and grant options of role index `role` on relation index `rel`. */
export function cellBits(m: MatrixCells, role: number, rel: number): { privileges: number; grantable: number } {
  const rights = m.relevant[rel] ?? 0;
  if (m.superuser[role] === 1) return { privileges: rights, grantable: rights };
  const c = m.classOf[rel] ?? 0;
  const k = extraAt(m, c, role);
  let privileges = (m.basePrivileges[c] ?? 0) | (k < 0 ? 0 : (m.extraPrivileges[k] ?? 0));
  let grantable = (m.baseGrantable[c] ?? 0) | (k < 0 ? 0 : (m.extraGrantable[k] ?? 0));
  const end = m.refStart[c + 1] ?? 0;
  for (let r = m.refStart[c] ?? 0; r < end; r++) {
    if (!usesRole(m, role, m.refRole[r] ?? 0)) continue;
    privileges |= m.refPrivileges[r] ?? 0;
    grantable |= m.refGrantable[r] ?? 0;
  }
  return { privileges, grantable };
}

/** Visits one role's cell: its role index, privilege bits and grant-option bits. */
export type CellVisitor = (role: number, privileges: number, grantable: number) => void;

/**
 * A function that visits, for one relation index, every role holding at least one
 * privilege there, roles ascending, without looking at the roles that hold nothing: when
 * a class's base is empty only superusers, the class's additions and the users of its
 * group references can hold anything.
 */
export function holdersOf(m: MatrixCells): (rel: number, visit: CellVisitor) => void {
  const mark = new Uint8Array(m.roleCount);
  return (rel, visit) => {
    const c = m.classOf[rel] ?? 0;
    let candidates: number[];
    if ((m.basePrivileges[c] ?? 0) !== 0) candidates = Array.from({ length: m.roleCount }, (_, i) => i);
    else {
      candidates = [];
      const take = (i: number) => {
        if (mark[i] === 1) return;
        mark[i] = 1;
        candidates.push(i);
      };
      for (let i = 0; i < m.roleCount; i++) if (m.superuser[i] === 1) take(i);
      for (let k = m.extraStart[c] ?? 0; k < (m.extraStart[c + 1] ?? 0); k++) take(m.extraRole[k] ?? 0);
      for (let r = m.refStart[c] ?? 0; r < (m.refStart[c + 1] ?? 0); r++) {
        const g = m.refRole[r] ?? 0;
        for (let u = m.usersStart[g] ?? 0; u < (m.usersStart[g + 1] ?? 0); u++) take(m.usersOf[u] ?? 0);
      }
      for (const i of candidates) mark[i] = 0;
      candidates.sort((a, b) => a - b);
    }
    for (const i of candidates) {
      const { privileges, grantable } = cellBits(m, i, rel);
      if (privileges !== 0) visit(i, privileges, grantable);
    }
  };
}

/**
 * Per role index, 1 when the role holds any of `want` on at least one of the relations
 * (by index). Each access class is looked at once: everyone when its base has it, else
 * the roles whose additions do and the users of the groups it references; superusers when
 * the relation's kind has it at all.
 */
export function rolesHolding(m: MatrixCells, relations: Iterable<number>, want: number): Uint8Array {
  const out = new Uint8Array(m.roleCount);
  const classes = new Set<number>();
  let superusersHold = false;
  for (const rel of relations) {
    classes.add(m.classOf[rel] ?? 0);
    superusersHold ||= ((m.relevant[rel] ?? 0) & want) !== 0;
  }
  if (superusersHold) for (let i = 0; i < m.roleCount; i++) if (m.superuser[i] === 1) out[i] = 1;
  const groups = new Set<number>();
  for (const c of classes) {
    if (((m.basePrivileges[c] ?? 0) & want) !== 0) return out.fill(1);
    const end = m.extraStart[c + 1] ?? 0;
    for (let k = m.extraStart[c] ?? 0; k < end; k++) {
      if (((m.extraPrivileges[k] ?? 0) & want) !== 0) out[m.extraRole[k] ?? 0] = 1;
    }
    const refEnd = m.refStart[c + 1] ?? 0;
    for (let r = m.refStart[c] ?? 0; r < refEnd; r++) if (((m.refPrivileges[r] ?? 0) & want) !== 0) groups.add(m.refRole[r] ?? 0);
  }
  // why: each group's users once, however many classes reference it.
  for (const g of groups) for (let u = m.usersStart[g] ?? 0; u < (m.usersStart[g + 1] ?? 0); u++) out[m.usersOf[u] ?? 0] = 1;
  return out;
}

/** The users lists of MatrixCells (usersStart, usersOf) from a closure's usedBy (each ascending). */
export function usersLists(usedBy: readonly Int32Array[]): Pick<MatrixCells, 'usersStart' | 'usersOf'> {
  const usersStart = new Uint32Array(usedBy.length + 1);
  usedBy.forEach((list, g) => (usersStart[g + 1] = (usersStart[g] ?? 0) + list.length));
  const usersOf = new Uint32Array(usersStart[usedBy.length] ?? 0);
  usedBy.forEach((list, g) => usersOf.set(list, usersStart[g] ?? 0));
  return { usersStart, usersOf };
}

/** Collects classes one at a time (base + the additions left in a ColumnScratch + group references) into MatrixCells' arrays. */
export class MatrixCellsBuilder {
  private readonly basePrivileges: Uint16Array;
  private readonly baseGrantable: Uint16Array;
  private readonly extraStart: Uint32Array;
  private extraRole: Uint32Array;
  private extraPrivileges: Uint16Array;
  private extraGrantable: Uint16Array;
  private size = 0;
  private readonly refStart: Uint32Array;
  private readonly refs: number[] = [];

  constructor(classCount: number) {
    this.refStart = new Uint32Array(classCount + 1);
    this.basePrivileges = new Uint16Array(classCount);
    this.baseGrantable = new Uint16Array(classCount);
    this.extraStart = new Uint32Array(classCount + 1);
    this.extraRole = new Uint32Array(1024);
    this.extraPrivileges = new Uint16Array(1024);
    this.extraGrantable = new Uint16Array(1024);
  }

  /** Notes a group reference of the class about to be added: every user of `role` has these bits. */
  reference(role: number, privileges: number, grantable: number): void {
    this.refs.push(role, privileges, grantable);
  }

  /** Adds class `c` (classes must come in order 0, 1, 2, …) with the references noted since the last, and clears the scratch. */
  add(c: number, base: { privileges: number; grantable: number }, scratch: ColumnScratch): void {
    this.refStart[c + 1] = this.refs.length / 3;
    this.basePrivileges[c] = base.privileges;
    this.baseGrantable[c] = base.grantable;
    this.reserve(this.size + scratch.count);
    const roles = scratch.touched.subarray(0, scratch.count).sort();
    for (let k = 0; k < roles.length; k++) {
      const r = roles[k] ?? 0;
      this.extraRole[this.size] = r;
      this.extraPrivileges[this.size] = scratch.privileges[r] ?? 0;
      this.extraGrantable[this.size] = scratch.grantable[r] ?? 0;
      this.size++;
    }
    this.extraStart[c + 1] = this.size;
    scratch.clear();
  }

  /** The collected arrays, trimmed. */
  finish(): Pick<MatrixCells, 'basePrivileges' | 'baseGrantable' | 'extraStart' | 'extraRole' | 'extraPrivileges' | 'extraGrantable' | 'refStart' | 'refRole' | 'refPrivileges' | 'refGrantable'> {
    const n = this.refs.length / 3;
    return {
      refStart: this.refStart,
      refRole: Uint32Array.from({ length: n }, (_, k) => this.refs[3 * k] ?? 0),
      refPrivileges: Uint16Array.from({ length: n }, (_, k) => this.refs[3 * k + 1] ?? 0),
      refGrantable: Uint16Array.from({ length: n }, (_, k) => this.refs[3 * k + 2] ?? 0),
      basePrivileges: this.basePrivileges,
      baseGrantable: this.baseGrantable,
      extraStart: this.extraStart,
      extraRole: this.extraRole.slice(0, this.size),
      extraPrivileges: this.extraPrivileges.slice(0, this.size),
      extraGrantable: this.extraGrantable.slice(0, this.size),
    };
  }

  private reserve(n: number): void {
    if (n <= this.extraRole.length) return;
    const cap = Math.max(n, this.extraRole.length * 2);
    const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.extraRole = grow(this.extraRole, (k) => new Uint32Array(k));
    this.extraPrivileges = grow(this.extraPrivileges, (k) => new Uint16Array(k));
    this.extraGrantable = grow(this.extraGrantable, (k) => new Uint16Array(k));
  }
}

/** Every typed array of a MatrixCells. */
function cellArrays(m: MatrixCells): (Uint32Array | Uint16Array | Uint8Array)[] {
  return [
    m.classOf, m.relevant, m.superuser, m.basePrivileges, m.baseGrantable, m.extraStart, m.extraRole, m.extraPrivileges, m.extraGrantable,
    m.refStart, m.refRole, m.refPrivileges, m.refGrantable, m.usersStart, m.usersOf,
  ];
}

/** The buffers of a MatrixCells' arrays, e.g. to transfer them from a worker. */
export function cellBuffers(m: MatrixCells): ArrayBuffer[] {
  return cellArrays(m).map((a) => a.buffer as ArrayBuffer);
}

/** Bytes held by a MatrixCells' arrays. */
export function cellBytes(m: MatrixCells): number {
  return cellArrays(m).reduce((n, a) => n + a.byteLength, 0);
}
