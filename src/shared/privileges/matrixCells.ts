import type { ColumnScratch } from './accessColumn';

/**
 * The cells of a role × relation matrix, compact. Relations with the same ACL, owner, kind
 * and system-catalog status have the same cells, so they share an access class. A class
 * holds a base (what every role has: PUBLIC's entries) and, per role that has more, its
 * additions (compressed sparse rows, roles ascending). Superusers have every relevant
 * privilege with grant option. On a catalog of 1,000 roles × 20,000 tables this is well
 * under a megabyte, where dense arrays took 80 MB.
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
  const privileges = (m.basePrivileges[c] ?? 0) | (k < 0 ? 0 : (m.extraPrivileges[k] ?? 0));
  const grantable = (m.baseGrantable[c] ?? 0) | (k < 0 ? 0 : (m.extraGrantable[k] ?? 0));
  return { privileges, grantable };
}

/** Visits one role's cell: its role index, privilege bits and grant-option bits. */
export type CellVisitor = (role: number, privileges: number, grantable: number) => void;

/**
 * A function that visits, for one relation index, every role holding at least one
 * privilege there, roles ascending, without looking at the roles that hold nothing: when
 * a class's base is empty only superusers and the class's additions can hold anything.
 */
export function holdersOf(m: MatrixCells): (rel: number, visit: CellVisitor) => void {
  const superusers: number[] = [];
  for (let i = 0; i < m.roleCount; i++) if (m.superuser[i] === 1) superusers.push(i);
  return (rel, visit) => {
    const rights = m.relevant[rel] ?? 0;
    const c = m.classOf[rel] ?? 0;
    const base = m.basePrivileges[c] ?? 0;
    const baseGrant = m.baseGrantable[c] ?? 0;
    const end = m.extraStart[c + 1] ?? 0;
    let k = m.extraStart[c] ?? 0;
    let s = 0;
    // why: a merge of three ascending lists: every role (when the base holds something,
    // else none), the superusers, and the class's additions.
    for (let i = base !== 0 ? 0 : Math.min(superusers[0] ?? Infinity, k < end ? (m.extraRole[k] ?? Infinity) : Infinity); i < m.roleCount; ) {
      let privileges = base;
      let grantable = baseGrant;
      if (k < end && m.extraRole[k] === i) {
        privileges |= m.extraPrivileges[k] ?? 0;
        grantable |= m.extraGrantable[k] ?? 0;
        k++;
      }
      if (superusers[s] === i) {
        privileges = rights;
        grantable = rights;
        s++;
      }
      if (privileges !== 0) visit(i, privileges, grantable);
      i = base !== 0 ? i + 1 : Math.min(superusers[s] ?? Infinity, k < end ? (m.extraRole[k] ?? Infinity) : Infinity);
    }
  };
}

/**
 * Per role index, 1 when the role holds any of `want` on at least one of the relations
 * (by index). Each access class is looked at once: everyone when its base has it, else
 * the roles whose additions do; superusers when the relation's kind has it at all.
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
  for (const c of classes) {
    if (((m.basePrivileges[c] ?? 0) & want) !== 0) return out.fill(1);
    const end = m.extraStart[c + 1] ?? 0;
    for (let k = m.extraStart[c] ?? 0; k < end; k++) {
      if (((m.extraPrivileges[k] ?? 0) & want) !== 0) out[m.extraRole[k] ?? 0] = 1;
    }
  }
  return out;
}

/** Collects classes one at a time (base + the additions left in a ColumnScratch) into MatrixCells' arrays. */
export class MatrixCellsBuilder {
  private readonly basePrivileges: Uint16Array;
  private readonly baseGrantable: Uint16Array;
  private readonly extraStart: Uint32Array;
  private extraRole: Uint32Array;
  private extraPrivileges: Uint16Array;
  private extraGrantable: Uint16Array;
  private size = 0;

  constructor(classCount: number) {
    this.basePrivileges = new Uint16Array(classCount);
    this.baseGrantable = new Uint16Array(classCount);
    this.extraStart = new Uint32Array(classCount + 1);
    this.extraRole = new Uint32Array(1024);
    this.extraPrivileges = new Uint16Array(1024);
    this.extraGrantable = new Uint16Array(1024);
  }

  /** Adds class `c` (classes must come in order 0, 1, 2, …) and clears the scratch. */
  add(c: number, base: { privileges: number; grantable: number }, scratch: ColumnScratch): void {
    this.basePrivileges[c] = base.privileges;
    this.baseGrantable[c] = base.grantable;
    this.reserve(this.size + scratch.count);
    const roles = scratch.touched.subarray(0, scratch.count).sort();
    for (const r of roles) {
      this.extraRole[this.size] = r;
      this.extraPrivileges[this.size] = scratch.privileges[r] ?? 0;
      this.extraGrantable[this.size] = scratch.grantable[r] ?? 0;
      this.size++;
    }
    this.extraStart[c + 1] = this.size;
    scratch.clear();
  }

  /** The collected arrays, trimmed. */
  finish(): Pick<MatrixCells, 'basePrivileges' | 'baseGrantable' | 'extraStart' | 'extraRole' | 'extraPrivileges' | 'extraGrantable'> {
    return {
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
  return [m.classOf, m.relevant, m.superuser, m.basePrivileges, m.baseGrantable, m.extraStart, m.extraRole, m.extraPrivileges, m.extraGrantable];
}

/** The buffers of a MatrixCells' arrays, e.g. to transfer them from a worker. */
export function cellBuffers(m: MatrixCells): ArrayBuffer[] {
  return cellArrays(m).map((a) => a.buffer as ArrayBuffer);
}

/** Bytes held by a MatrixCells' arrays. */
export function cellBytes(m: MatrixCells): number {
  return cellArrays(m).reduce((n, a) => n + a.byteLength, 0);
}
