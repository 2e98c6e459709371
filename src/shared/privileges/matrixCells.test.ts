import { describe, expect, it } from 'vitest';
import { ColumnScratch } from './accessColumn';
import { INSERT, SELECT, UPDATE, USAGE } from './bits';
import { computeEffective } from './effective';
import { MatrixCellsBuilder, cellBits, cellBytes, holdersOf, rolesHolding, usersLists, type MatrixCells } from './matrixCells';
import { randomSnapshot } from './testReference';

/** Three roles (2 is a superuser), a table (class 0: PUBLIC SELECT, role 1 INSERT) and a sequence (class 1: role 0 USAGE). */
function sample(): MatrixCells {
  const scratch = new ColumnScratch(3);
  const b = new MatrixCellsBuilder(2);
  scratch.add(1, INSERT, INSERT);
  b.add(0, { privileges: SELECT, grantable: 0 }, scratch);
  scratch.add(0, USAGE, 0);
  b.add(1, { privileges: 0, grantable: 0 }, scratch);
  return {
    roleCount: 3,
    classOf: Uint32Array.of(0, 1),
    relevant: Uint16Array.of(SELECT | INSERT | UPDATE, USAGE | SELECT | UPDATE),
    superuser: Uint8Array.of(0, 0, 1),
    ...b.finish(),
    ...usersLists([Int32Array.of(0), Int32Array.of(1), Int32Array.of(2)]),
  };
}

describe('MatrixCells', () => {
  it('reads base, additions and superusers', () => {
    const m = sample();
    expect(cellBits(m, 0, 0)).toEqual({ privileges: SELECT, grantable: 0 });
    expect(cellBits(m, 1, 0)).toEqual({ privileges: SELECT | INSERT, grantable: INSERT });
    expect(cellBits(m, 2, 0)).toEqual({ privileges: SELECT | INSERT | UPDATE, grantable: SELECT | INSERT | UPDATE });
    expect(cellBits(m, 0, 1)).toEqual({ privileges: USAGE, grantable: 0 });
    expect(cellBits(m, 1, 1)).toEqual({ privileges: 0, grantable: 0 });
    expect(cellBytes(m)).toBeGreaterThan(0);
  });

  it('finds who holds a privilege through group references as through additions', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const snap = randomSnapshot(seed, 16, 30, 40);
      const expanded = computeEffective(snap, undefined, { referenceAbove: Infinity });
      const referenced = computeEffective(snap, undefined, { referenceAbove: 0 });
      expect(referenced.refRole.length).toBeGreaterThan(0);
      const all = Array.from({ length: snap.relations.length }, (_, j) => j);
      for (const want of [SELECT, INSERT, UPDATE, USAGE]) {
        expect(Array.from(rolesHolding(referenced, all.slice(0, 7), want)), `seed ${seed}`).toEqual(Array.from(rolesHolding(expanded, all.slice(0, 7), want)));
        expect(Array.from(rolesHolding(referenced, all, want)), `seed ${seed}`).toEqual(Array.from(rolesHolding(expanded, all, want)));
      }
    }
  });

  it('finds who holds a privilege, superusers only where the kind has it', () => {
    const m = sample();
    expect(Array.from(rolesHolding(m, [0], SELECT))).toEqual([1, 1, 1]);
    expect(Array.from(rolesHolding(m, [0], INSERT))).toEqual([0, 1, 1]);
    expect(Array.from(rolesHolding(m, [1], USAGE))).toEqual([1, 0, 1]);
    expect(Array.from(rolesHolding(m, [1], INSERT))).toEqual([0, 0, 0]);
    expect(Array.from(rolesHolding(m, [], SELECT))).toEqual([0, 0, 0]);
  });

  it('grows its addition arrays past their first size', () => {
    const roles = 3000;
    const scratch = new ColumnScratch(roles);
    const b = new MatrixCellsBuilder(1);
    for (let r = roles - 1; r >= 0; r--) scratch.add(r, SELECT, 0);
    b.add(0, { privileges: 0, grantable: 0 }, scratch);
    const cells = b.finish();
    expect(cells.extraRole.length).toBe(roles);
    expect(Array.from(cells.extraRole.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(scratch.count).toBe(0);
    expect(scratch.privileges.every((p) => p === 0)).toBe(true);
  });

  it('visits exactly the roles holding something on a relation, ascending, with their cells', () => {
    const check = (m: MatrixCells, relations: number) => {
      const holders = holdersOf(m);
      for (let j = 0; j < relations; j++) {
        const seen: [number, number, number][] = [];
        holders(j, (i, p, g) => seen.push([i, p, g]));
        const expected: [number, number, number][] = [];
        for (let i = 0; i < m.roleCount; i++) {
          const c = cellBits(m, i, j);
          if (c.privileges !== 0) expected.push([i, c.privileges, c.grantable]);
        }
        expect(seen, `relation ${j}`).toEqual(expected);
      }
    };
    check(sample(), 2);
    for (let seed = 1; seed <= 20; seed++) {
      const snap = randomSnapshot(seed, 16, 30, 40);
      check(computeEffective(snap), snap.relations.length);
      check(computeEffective(snap, undefined, { referenceAbove: 0 }), snap.relations.length);
    }
  });
});

