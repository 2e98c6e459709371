import { describe, expect, it } from 'vitest';
import { compareNames } from '../../src/main/backend/catalog/readRelations';

describe('compareNames (PostgreSQL name order, C collation)', () => {
  it('orders like UTF-8 bytes, i.e. by code point', () => {
    const names = ['b', 'a', 'B', '_x', 'ab', 'a', '\uFF21', '\u{1F600}', 'é', 'z'];
    const byBytes = [...names].sort((x, y) => Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')));
    expect([...names].sort(compareNames)).toEqual(byBytes);
    expect(compareNames('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
    expect(compareNames('t_1', 't_1')).toBe(0);
  });
});
