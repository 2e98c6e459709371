import { describe, expect, it } from 'vitest';
import { predefinedGrantsFor } from './predefined';

describe('predefined roles', () => {
  it('has pg_read_all_data and pg_write_all_data from 14, pg_maintain from 17', () => {
    expect(predefinedGrantsFor(14).map((g) => g.name)).toEqual(['pg_read_all_data', 'pg_write_all_data']);
    expect(predefinedGrantsFor(17).map((g) => g.name)).toEqual(['pg_read_all_data', 'pg_write_all_data', 'pg_maintain']);
  });

  it('uses the fixed oids printed by PG 15 and 18', () => {
    expect(predefinedGrantsFor(18).map((g) => g.oid)).toEqual([6181, 6182, 6337]);
  });
});
