import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/api/contract';
import { riskWords, riskySuperusers, superuserStanding } from './superuserRisks';

const role = (name: string, superuser: boolean, memberOf: string[] = []): Role => ({
  name,
  kind: 'user',
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

describe('superuser standing', () => {
  it('tells the bootstrap superuser from other superusers and ordinary roles', () => {
    expect(superuserStanding(role('postgres', true), 'postgres', 'postgres')).toEqual({ kind: 'bootstrap' });
    expect(superuserStanding(role('data_viewer', true), 'postgres', 'postgres')).toEqual({ kind: 'risk', connected: false });
    expect(superuserStanding(role('admin', true), 'postgres', 'admin')).toEqual({ kind: 'risk', connected: true });
    expect(superuserStanding(role('readonly', false), 'postgres', 'postgres')).toEqual({ kind: 'none' });
    expect(superuserStanding(role('data_viewer', true), undefined, undefined)).toEqual({ kind: 'unsorted' });
  });

  it('lists the risky superusers by name, and none before the bootstrap superuser is known', () => {
    const roles = [role('zed', true), role('postgres', true), role('data_viewer', true, ['readonly']), role('readonly', false)];
    expect(riskySuperusers(roles, 'postgres').map((r) => r.name)).toEqual(['data_viewer', 'zed']);
    expect(riskySuperusers(roles, undefined)).toEqual([]);
  });

  it('says why, with the groups that restrict nothing', () => {
    expect(riskWords(role('data_viewer', true, ['readonly']), 'postgres')).toBe(
      'data_viewer is a superuser, so its grants are meaningless: superusers bypass every privilege check, and its membership in readonly restricts nothing. Only postgres, made by initdb, needs to be one.',
    );
    expect(riskWords(role('x', true), 'postgres')).not.toMatch(/membership/);
  });
});
