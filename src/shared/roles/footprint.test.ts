import { describe, expect, it } from 'vitest';
import {
  databasesToClean,
  insideCount,
  planRoleDrop,
  roleFootprintSchema,
  uncheckedWithDependencies,
  type DatabaseFootprint,
  type DatabaseInside,
  type RoleFootprint,
} from './footprint';

const none = { count: 0, names: [] };
const emptyInside: DatabaseInside = {
  owned: { schemas: none, relations: none, functions: none, types: none, other: none },
  privileges: { schemas: none, relations: none, functions: none, other: none },
  defaultPrivileges: { forRole: none, grantedTo: none },
};
const checked = (database: string, inside: DatabaseInside = emptyInside, recordedDependencies = 0): DatabaseFootprint => ({
  database,
  ownsDatabase: false,
  databasePrivileges: [],
  recordedDependencies,
  check: { status: 'checked', inside },
});
const footprint = (databases: DatabaseFootprint[], extra: Partial<RoleFootprint> = {}): RoleFootprint => ({
  role: 'Temp "Owner"',
  databases,
  memberOf: [],
  members: [],
  sharedOther: [],
  sharedDependencies: 0,
  ...extra,
});
const owning = { ...emptyInside, owned: { ...emptyInside.owned, relations: { count: 2, names: ['public.a', 'public.b'] } } };

describe('planRoleDrop', () => {
  it('reassigns and drops in every database where the role has something, the connected one last, then drops it', () => {
    const f = footprint([checked('analytics', emptyInside, 3), checked('datatweets', owning, 2), checked('empty'), checked('zeta', owning, 2)]);
    expect(planRoleDrop(f, 'postgres', 'datatweets')).toEqual([
      { kind: 'reassignOwned', database: 'analytics', roles: ['Temp "Owner"'], newOwner: 'postgres' },
      { kind: 'dropOwned', database: 'analytics', roles: ['Temp "Owner"'] },
      { kind: 'reassignOwned', database: 'zeta', roles: ['Temp "Owner"'], newOwner: 'postgres' },
      { kind: 'dropOwned', database: 'zeta', roles: ['Temp "Owner"'] },
      { kind: 'reassignOwned', database: 'datatweets', roles: ['Temp "Owner"'], newOwner: 'postgres' },
      { kind: 'dropOwned', database: 'datatweets', roles: ['Temp "Owner"'] },
      { kind: 'dropRole', name: 'Temp "Owner"' },
    ]);
  });

  it('only drops a role that has nothing', () => {
    expect(planRoleDrop(footprint([checked('datatweets'), checked('postgres')]), 'postgres', 'datatweets')).toEqual([
      { kind: 'dropRole', name: 'Temp "Owner"' },
    ]);
  });

  it('handles shared objects (a database it owns, database grants) once, in the connected database', () => {
    const ownsDb = { ...checked('reports'), ownsDatabase: true };
    const f = footprint([checked('datatweets'), ownsDb], { sharedDependencies: 1 });
    expect(databasesToClean(f, 'datatweets')).toEqual(['datatweets']);
    const granted = footprint([checked('postgres'), { ...checked('datatweets'), databasePrivileges: ['CONNECT'] }]);
    expect(databasesToClean(granted, 'datatweets')).toEqual(['datatweets']);
    // Not where it could not look: the first database it could.
    const notHere = footprint([checked('postgres'), { ...ownsDb, database: 'datatweets', check: { status: 'not-checked', reason: 'x' } }], { sharedDependencies: 1 });
    expect(databasesToClean(notHere, 'datatweets')).toEqual(['postgres']);
  });

  it('never plans statements for databases it could not check, but names those that record something', () => {
    const closed: DatabaseFootprint = { ...checked('closed'), recordedDependencies: 4, check: { status: 'not-checked', reason: 'It does not accept connections.' } };
    const template0: DatabaseFootprint = { ...closed, database: 'template0', recordedDependencies: 0 };
    const f = footprint([closed, checked('datatweets', owning, 2), template0]);
    expect(databasesToClean(f, 'datatweets')).toEqual(['datatweets']);
    expect(uncheckedWithDependencies(f).map((d) => d.database)).toEqual(['closed']);
  });

  it('counts everything inside, and the schema accepts what it describes', () => {
    expect(insideCount(owning)).toBe(2);
    const withDefaults = { ...owning, defaultPrivileges: { forRole: { count: 1, names: ['tables in any schema: SELECT to readonly'] }, grantedTo: none } };
    expect(insideCount(withDefaults)).toBe(3);
    expect(roleFootprintSchema.safeParse(footprint([checked('a', withDefaults, 3)])).success).toBe(true);
    expect(roleFootprintSchema.safeParse({ ...footprint([]), sharedDependencies: -1 }).success).toBe(false);
  });
});
