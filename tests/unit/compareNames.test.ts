import { describe, expect, it } from 'vitest';
import { compareNames, orderRelations } from '../../src/main/backend/catalog/readRelations';
import type { SnapshotRelation } from '../../src/shared/catalog/snapshot';

const byBytes = (x: string, y: string) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'));

describe('compareNames (PostgreSQL name order, C collation)', () => {
  it('orders like UTF-8 bytes, i.e. by code point', () => {
    const names = ['b', 'a', 'B', '_x', 'ab', 'a', '\uFF21', '\u{1F600}', 'é', 'z'];
    expect([...names].sort(compareNames)).toEqual([...names].sort(byBytes));
    expect(compareNames('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(compareNames('t_1', 't_1')).toBe(0);
  });
});

describe('orderRelations (ORDER BY nspname, relname)', () => {
  const rel = (oid: number, schemaOid: number, name: string): SnapshotRelation => ({ oid, schemaOid, name, kind: 'r', owner: 10, relacl: null });
  const schemas = [{ oid: 200 }, { oid: 100 }];

  it('puts relations in the schemas’ order, each schema’s by name in byte order', () => {
    const names = ['t_2', 'T', 't_10', '\uFF21', '\u{1F600}', 'é', 'a b', 't_1'];
    const input = names.flatMap((name, i) => [rel(i, 100, name), rel(100 + i, 200, name)]);
    const out = orderRelations(input, schemas);
    expect(out.map((r) => r.schemaOid)).toEqual([...names.map(() => 200), ...names.map(() => 100)]);
    const sorted = [...names].sort(byBytes);
    expect(out.slice(0, names.length).map((r) => r.name)).toEqual(sorted);
    expect(out.slice(names.length).map((r) => r.name)).toEqual(sorted);
  });

  it('orders plain names by code unit and keeps every relation, a schema not in the list first', () => {
    const input = [rel(1, 100, 'b'), rel(2, 300, 'z'), rel(3, 100, 'a'), rel(4, 200, 'c')];
    expect(orderRelations(input, schemas).map((r) => r.oid)).toEqual([2, 4, 3, 1]);
    expect(orderRelations([], schemas)).toEqual([]);
  });
});
