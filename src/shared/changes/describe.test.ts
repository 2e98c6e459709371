import { describe, expect, it } from 'vitest';
import { describeChange } from './describe';

const role = (name: string) => ({ kind: 'role' as const, name });

describe('describeChange', () => {
  it('says what each change does in plain words', () => {
    expect(describeChange({ kind: 'alterRole', name: 'data_viewer', superuser: false })).toBe('Change role data_viewer: take SUPERUSER away');
    expect(
      describeChange({ kind: 'createRole', name: 'report_bot', login: true, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true }),
    ).toBe('Create user report_bot (no password)');
    expect(describeChange({ kind: 'grantTable', database: 'd', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') })).toBe(
      'Grant SELECT on public.sales to report_bot',
    );
    expect(describeChange({ kind: 'revokeTable', database: 'd', schema: 'public', table: 'users', privileges: 'ALL', grantee: { kind: 'public' } })).toBe(
      'Revoke ALL on public.users from PUBLIC (everyone)',
    );
    expect(describeChange({ kind: 'createDatabase', name: 'analytics', owner: 'postgres' })).toBe('Create database analytics owned by postgres, closed to PUBLIC');
    expect(
      describeChange({ kind: 'alterDefaultPrivileges', database: 'd', forRole: 'datatweets', inSchema: 'user_data', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role('readonly') }),
    ).toBe('Grant SELECT on future tables of datatweets in user_data to readonly');
    expect(describeChange({ kind: 'createSchema', database: 'd', name: 'reports', owner: 'datatweets' })).toBe('Create schema reports in d owned by datatweets');
    expect(describeChange({ kind: 'reassignOwned', database: 'datatweets', roles: ['temp'], newOwner: 'postgres' })).toBe(
      'Give everything temp owns in datatweets to postgres',
    );
    expect(describeChange({ kind: 'dropOwned', database: 'datatweets', roles: ['temp'] })).toBe(
      'Drop what temp owns in datatweets and revoke its privileges there',
    );
    expect(describeChange({ kind: 'dropOwned', database: 'd', roles: ['a', 'b'], cascade: true })).toBe(
      'Drop what a, b own in d and revoke their privileges there (cascade)',
    );
    expect(describeChange({ kind: 'dropRole', name: 'temp' })).toBe('Drop role temp');
    expect(describeChange({ kind: 'alterRole', name: 'bob', connectionLimit: 5, rename: 'robert' })).toBe(
      'Change role bob: connection limit 5, rename to robert',
    );
  });
});

describe('describeChange: grant options and columns', () => {
  const target = { database: 'd', schema: 'public', table: 'accounts', grantee: role('readwrite') };
  it('names the columns and the grant option', () => {
    expect(describeChange({ kind: 'grantTable', ...target, privileges: ['SELECT'], withGrantOption: true })).toBe(
      'Grant SELECT on public.accounts to readwrite with grant option',
    );
    expect(describeChange({ kind: 'grantTable', ...target, privileges: ['SELECT', 'UPDATE'], columns: ['balance', 'opened_on'] })).toBe(
      'Grant SELECT, UPDATE (balance, opened_on) on public.accounts to readwrite',
    );
    expect(describeChange({ kind: 'revokeTable', ...target, privileges: ['SELECT'], grantOptionFor: true })).toBe(
      'Revoke the grant option for SELECT on public.accounts from readwrite',
    );
  });
});
