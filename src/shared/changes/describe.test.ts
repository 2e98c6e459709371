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
  });
});
