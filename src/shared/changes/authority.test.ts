import { describe, expect, it } from 'vitest';
import { authorityProblems, authorityProblemsAll, missingGrantOptions, offers, type Authority, type RoleRights } from './authority';
import { changeSchema, type Change, type ChangeInput } from './schema';

const parse = (c: ChangeInput): Change => changeSchema.parse(c);
const rights = (name: string, extra: Partial<RoleRights> = {}): RoleRights => ({ name, superuser: false, replication: false, admin: false, set: false, usage: false, ...extra });

/** A managed-cloud admin: CREATEROLE and CREATEDB, ADMIN on one group, not superuser. */
const admin = (major: number, extra: Partial<Authority> = {}): Authority => ({
  major,
  currentUser: 'admin',
  superuser: false,
  createRole: true,
  createDb: true,
  replication: false,
  bypassRls: false,
  roles: [rights('admin', { set: true, usage: true }), rights('managed', { admin: true }), rights('other'), rights('root', { superuser: true }), rights('repl', { replication: true }), rights('team', { set: true, usage: true })],
  createSchemaIn: ['app'],
  ...extra,
});
const newRole = (extra: Partial<ChangeInput & { kind: 'createRole' }> = {}): ChangeInput => ({
  kind: 'createRole', name: 'fresh', login: true, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true, ...extra,
});
const fields = (c: ChangeInput, a: Authority) => authorityProblems(parse(c), a).map((p) => p.field);

describe('authority: roles', () => {
  it('lets a superuser do anything', () => {
    expect(fields(newRole({ superuser: true }), admin(18, { superuser: true, createRole: false }))).toEqual([]);
  });

  it('needs CREATEROLE to create roles, and a superuser to create one', () => {
    expect(authorityProblems(parse(newRole()), admin(18, { createRole: false }))[0]?.message).toMatch(/needs CREATEROLE/);
    expect(fields(newRole({ superuser: true }), admin(14))).toEqual(['superuser']);
  });

  it('from 16 on, gives CREATEDB only when it has it; before 16 CREATEROLE is enough', () => {
    const noDb = { createDb: false };
    expect(fields(newRole({ createDb: true }), admin(16, noDb))).toEqual(['createDb']);
    expect(fields(newRole({ createDb: true }), admin(15, noDb))).toEqual([]);
  });

  it('grants membership with ADMIN OPTION from 16 on, with CREATEROLE or ADMIN before', () => {
    expect(fields(newRole({ memberOf: ['managed', 'other'] }), admin(16))).toEqual(['memberOf.1']);
    expect(fields(newRole({ memberOf: ['managed', 'other'] }), admin(14))).toEqual([]);
    expect(fields(newRole({ memberOf: ['root'] }), admin(14))).toEqual(['memberOf.0']);
    expect(fields({ kind: 'addMember', group: 'other', member: 'team' }, admin(14, { createRole: false }))).toEqual(['group']);
  });

  it('alters and drops a role with CREATEROLE, plus ADMIN OPTION on it from 16 on', () => {
    const alter = (name: string): ChangeInput => ({ kind: 'alterRole', name, connectionLimit: 2 });
    expect(fields(alter('other'), admin(16))).toEqual(['name']);
    expect(fields(alter('managed'), admin(16))).toEqual([]);
    expect(fields(alter('other'), admin(14))).toEqual([]);
    expect(fields(alter('repl'), admin(14))).toEqual(['name']);
    expect(fields(alter('repl'), admin(16, { roles: [rights('repl', { replication: true, admin: true })] }))).toEqual([]);
    expect(fields(alter('root'), admin(14))).toEqual(['name']);
    expect(fields({ kind: 'dropRole', name: 'other' }, admin(17))).toEqual(['name']);
    expect(fields({ kind: 'dropRole', name: 'other' }, admin(15))).toEqual([]);
  });

  it('lets any role set its own password', () => {
    expect(fields({ kind: 'alterRole', name: 'admin', password: { kind: 'none' } }, admin(18, { createRole: false }))).toEqual([]);
    expect(fields({ kind: 'alterRole', name: 'other', password: { kind: 'none' } }, admin(14, { createRole: false }))).toEqual(['name']);
  });

  it('may manage, later in the same list, a role it creates (16+: the creator gets ADMIN OPTION)', () => {
    const list = [newRole({ name: 'fresh' }), { kind: 'alterRole', name: 'fresh', connectionLimit: 1 } as ChangeInput, { kind: 'addMember', group: 'fresh', member: 'team' } as ChangeInput];
    expect(authorityProblemsAll(list.map(parse), admin(16))).toEqual([]);
  });
});

describe('authority: databases, schemas and acting as a role', () => {
  it('needs CREATEDB, and to act as the owner it names', () => {
    expect(fields({ kind: 'createDatabase', name: 'd' }, admin(18, { createDb: false }))).toEqual(['name']);
    expect(fields({ kind: 'createDatabase', name: 'd', owner: 'other' }, admin(18))).toEqual(['owner']);
    expect(authorityProblems(parse({ kind: 'createDatabase', name: 'd', owner: 'other' }), admin(14))[0]?.message).toMatch(/be a member of "other"/);
    expect(authorityProblems(parse({ kind: 'createDatabase', name: 'd', owner: 'other' }), admin(16))[0]?.message).toMatch(/SET ROLE "other"/);
    expect(fields({ kind: 'createDatabase', name: 'd', owner: 'team' }, admin(18))).toEqual([]);
  });

  it('needs CREATE on the database for a schema', () => {
    expect(fields({ kind: 'createSchema', database: 'app', name: 's' }, admin(18))).toEqual([]);
    expect(fields({ kind: 'createSchema', database: 'elsewhere', name: 's', owner: 'other' }, admin(18))).toEqual(['database', 'owner']);
  });

  it('sets default privileges only for roles it may act as, and moves objects only of roles whose privileges it has', () => {
    const adp = (forRole: string): ChangeInput => ({ kind: 'alterDefaultPrivileges', database: 'app', forRole, objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: { kind: 'public' } });
    expect(fields(adp('team'), admin(18))).toEqual([]);
    expect(fields(adp('other'), admin(18))).toEqual(['forRole']);
    expect(fields({ kind: 'reassignOwned', database: 'app', roles: ['team', 'other'], newOwner: 'managed' }, admin(18))).toEqual(['roles.1', 'newOwner']);
  });
});

describe('authority: grants on objects', () => {
  const grant: ChangeInput = { kind: 'grantTable', database: 'app', schema: 'public', table: 't', privileges: ['SELECT', 'INSERT'], grantee: { kind: 'public' } };

  it('refuses the privileges held without grant option, naming them', () => {
    const problems = authorityProblems(parse(grant), admin(18), { all: false, objects: [{ object: 'public.t', requested: ['SELECT', 'INSERT'], grantable: ['SELECT'] }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/cannot grant INSERT on public\.t/);
    expect(authorityProblems(parse(grant), admin(18), { all: false, objects: [{ object: 'public.t', requested: ['SELECT', 'INSERT'], grantable: ['SELECT', 'INSERT'] }] })).toEqual([]);
  });

  it('with ALL, refuses only where it holds no grant option at all (the server grants what it can)', () => {
    expect(missingGrantOptions({ all: true, objects: [{ object: 'a', requested: ['SELECT', 'INSERT'], grantable: ['SELECT'] }] })).toEqual([]);
    expect(missingGrantOptions({ all: true, objects: [{ object: 'b', requested: ['SELECT', 'INSERT'], grantable: [] }] })).toEqual([{ object: 'b', privileges: ['ALL'] }]);
  });

  it('names at most three objects and counts the rest', () => {
    const objects = ['a', 'b', 'c', 'd', 'e'].map((object) => ({ object, requested: ['SELECT'], grantable: [] }));
    const revoke: ChangeInput = { kind: 'revokeAllTablesInSchema', database: 'app', schema: 's', privileges: ['SELECT'], grantee: { kind: 'public' } };
    expect(authorityProblems(parse(revoke), admin(18), { all: false, objects })[0]?.message).toMatch(/cannot revoke SELECT on a; SELECT on b; SELECT on c and on 2 more objects/);
  });
});

describe('authority: what the UI offers', () => {
  it('asks the same rules, and allows everything while the authority is unknown', () => {
    expect(offers.createRole(admin(18))).toBeNull();
    expect(offers.createRole(admin(18), { superuser: true })).toMatch(/superuser/);
    expect(offers.createRole(admin(18, { createRole: false }))).toMatch(/CREATEROLE/);
    expect(offers.membershipIn('managed', admin(18))).toBeNull();
    expect(offers.membershipIn('other', admin(18))).toMatch(/ADMIN OPTION/);
    expect(offers.membershipIn('other', admin(14))).toBeNull();
    expect(offers.alterRole('other', admin(18))).toMatch(/ADMIN OPTION/);
    expect(offers.dropRole('root', admin(14))).toMatch(/superuser/);
    expect(offers.createDatabase(admin(18, { createDb: false }))).toMatch(/CREATEDB/);
    expect(offers.createSchemaIn('elsewhere', admin(18))).toMatch(/CREATE on that database/);
    expect(offers.dropRole('root', undefined)).toBeNull();
    expect(offers.alterAttribute('managed', 'superuser', admin(18))).toMatch(/Only a superuser can change SUPERUSER/);
    expect(offers.alterAttribute('managed', 'createDb', admin(18, { createDb: false }))).toMatch(/CREATEDB/);
    expect(offers.alterAttribute('managed', 'createDb', admin(18))).toBeNull();
  });
});
