import { describe, expect, it } from 'vitest';
import type { Role } from '../api/contract';
import type { ChangeInput } from '../changes/schema';
import { withoutCellGrants } from './cellBase';
import { dependentChanges } from './dependents';
import { projectSchemaList, projectServerLists, type ServerLists } from './lists';

const role = (name: string, kind: 'user' | 'group', memberOf: string[] = [], superuser = false): Role => ({
  name,
  kind,
  superuser,
  inherit: true,
  createRole: false,
  createDb: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  validUntil: null,
  memberOf,
});

const lists: ServerLists = {
  serverMajor: 18,
  roles: [role('postgres', 'user', [], true), role('data_viewer', 'user', ['readonly'], true), role('readonly', 'group')],
  databases: [{ name: 'datatweets', owner: 'postgres' }, { name: 'postgres', owner: 'postgres' }],
  currentUser: 'postgres',
  bootstrapSuperuser: 'postgres',
};

const user = (name: string, memberOf: string[] = []): ChangeInput => ({
  kind: 'createRole', name, login: true, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true, memberOf,
});
const group = (name: string): ChangeInput => ({ ...user(name), login: false }) as ChangeInput;

const lesson: ChangeInput[] = [
  { kind: 'alterRole', name: 'data_viewer', superuser: false },
  user('report_bot'),
  { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: { kind: 'role', name: 'report_bot' } },
  { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
  group('auditors'),
  { kind: 'addMember', group: 'auditors', member: 'report_bot' },
  { kind: 'createSchema', database: 'analytics', name: 'reports' },
  { kind: 'grantSchema', database: 'analytics', schema: 'reports', privileges: ['USAGE'], grantee: { kind: 'role', name: 'auditors' } },
];

describe('the forms\' lists after the staged changes', () => {
  it('lists staged users and groups as staged, with their staged memberships, and the new attributes', () => {
    const { roles } = projectServerLists(lists, lesson);
    expect(roles.map((r) => [r.name, r.kind, r.staged])).toEqual([
      ['auditors', 'group', true],
      ['data_viewer', 'user', false],
      ['postgres', 'user', false],
      ['readonly', 'group', false],
      ['report_bot', 'user', true],
    ]);
    expect(roles.find((r) => r.name === 'report_bot')?.memberOf).toEqual(['auditors']);
    expect(roles.find((r) => r.name === 'data_viewer')).toMatchObject({ superuser: false, memberOf: ['readonly'] });
  });

  it('lists the staged database, and a dropped role is gone', () => {
    const { roles, databases } = projectServerLists(lists, [...lesson, { kind: 'dropRole', name: 'readonly' }]);
    expect(databases).toContainEqual({ name: 'analytics', owner: 'postgres', staged: true });
    expect(roles.some((r) => r.name === 'readonly')).toBe(false);
    expect(roles.find((r) => r.name === 'data_viewer')?.memberOf).toEqual([]);
  });

  it('lists a staged database\'s schemas (public, then the staged ones) and staged schemas of an existing one', () => {
    expect(projectSchemaList(lists, 'analytics', null, lesson)).toEqual([
      { name: 'public', owner: 'pg_database_owner', staged: true },
      { name: 'reports', owner: 'postgres', staged: true },
    ]);
    const existing = [{ name: 'public', owner: 'pg_database_owner' }, { name: 'user_data', owner: 'datatweets' }];
    const staged: ChangeInput[] = [{ kind: 'createSchema', database: 'datatweets', name: 'Q "1"', owner: 'readonly' }];
    expect(projectSchemaList(lists, 'datatweets', existing, staged)).toEqual([
      { name: 'public', owner: 'pg_database_owner', staged: false },
      { name: 'user_data', owner: 'datatweets', staged: false },
      { name: 'Q "1"', owner: 'readonly', staged: true },
    ]);
  });
  it('gives each of 10,000 roles its own groups, sorted, and the staged ones too', () => {
    const groups = Array.from({ length: 100 }, (_, i) => role(`g_${String(i).padStart(3, '0')}`, 'group'));
    const users = Array.from({ length: 10_000 }, (_, i) => role(`u_${i}`, 'user', [`g_${String((i * 7 + 1) % 100).padStart(3, '0')}`, `g_${String(i % 100).padStart(3, '0')}`]));
    const big: ServerLists = { ...lists, roles: [...lists.roles, ...groups, ...users] };
    const { roles } = projectServerLists(big, [{ kind: 'addMember', group: 'readonly', member: 'u_9999' }]);
    const byName = new Map(roles.map((r) => [r.name, r]));
    for (const i of [0, 1, 4321, 9999]) {
      const expected = [`g_${String((i * 7 + 1) % 100).padStart(3, '0')}`, `g_${String(i % 100).padStart(3, '0')}`, ...(i === 9999 ? ['readonly'] : [])].sort();
      expect(byName.get(`u_${i}`)?.memberOf).toEqual(expected);
    }
    expect(byName.get('g_000')?.memberOf).toEqual([]);
    expect(roles).toHaveLength(3 + 100 + 10_000);
  });
});

describe('dependentChanges', () => {
  const ctx = { serverMajor: 18, roles: new Set(lists.roles.map((r) => r.name)), databases: new Set(lists.databases.map((d) => d.name)) };

  it('finds what needs an unstaged user: its grant and its membership', () => {
    expect(dependentChanges(lesson, [1], ctx)).toEqual([2, 5]);
  });

  it('follows dependencies in turn: a database, its schema, the grant in that schema', () => {
    expect(dependentChanges(lesson, [3], ctx)).toEqual([6, 7]);
    expect(dependentChanges(lesson, [6], ctx)).toEqual([7]);
    expect(dependentChanges(lesson, [4], ctx)).toEqual([5, 7]);
  });

  it('leaves alone what needs nothing staged, and what was broken before', () => {
    expect(dependentChanges(lesson, [0], ctx)).toEqual([]);
    const broken: ChangeInput[] = [user('a'), { kind: 'addMember', group: 'nobody', member: 'a' }];
    expect(dependentChanges(broken, [0], ctx)).toEqual([]);
  });

});

describe('withoutCellGrants', () => {
  it('drops only the table-level grants and revokes of that role on that relation', () => {
    const cell = { database: 'datatweets', schema: 'public', table: 'sales', role: 'report_bot' };
    const column: ChangeInput = { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], columns: ['id'], grantee: { kind: 'role', name: 'report_bot' } };
    const other: ChangeInput = { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'users', privileges: ['SELECT'], grantee: { kind: 'role', name: 'report_bot' } };
    expect(withoutCellGrants([...lesson, column, other], cell)).toEqual([...lesson.filter((_, i) => i !== 2), column, other]);
  });
});
