import { describe, expect, it } from 'vitest';
import type { ChangeInput } from '../changes/schema';
import { cellAt, computeEffective } from '../privileges/effective';
import { DELETE, INSERT, SELECT, UPDATE } from '../privileges/bits';
import { BOOTSTRAP_OID, PUBLIC_SCHEMA_OID, SnapshotBuilder } from '../privileges/testSnapshot';
import { projectSnapshot } from './project';

const role = (name: string) => ({ kind: 'role', name }) as const;
const newRole = (name: string, extra: Partial<Extract<ChangeInput, { kind: 'createRole' }>> = {}): ChangeInput => ({
  kind: 'createRole',
  name,
  login: true,
  password: { kind: 'none' },
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  ...extra,
});

/** The lesson in small: datatweets owns sales and users; readonly reads users; data_viewer is a superuser. */
function lesson(major = 18) {
  const b = new SnapshotBuilder(major);
  const owner = b.role('datatweets', { canLogin: true });
  const readonly = b.role('readonly');
  const viewer = b.role('data_viewer', { superuser: true, canLogin: true });
  b.member(readonly, viewer);
  const sales = b.relation('sales', owner, null);
  const users = b.relation('users', owner, '{datatweets=arwdDxtm/datatweets,readonly=r/datatweets}');
  const seq = b.relation('sales_id_seq', owner, null, 'S');
  const data = b.schema('user_data', owner);
  const hidden = b.relation('secrets', owner, null, 'r', data);
  return { snapshot: b.build(), owner, readonly, viewer, sales, users, seq, data, hidden };
}

function cellOf(snapshot: ReturnType<typeof lesson>['snapshot'], roleName: string, relOid: number) {
  const oid = snapshot.roles.find((r) => r.name === roleName)?.oid;
  if (oid === undefined) throw new Error(`no role ${roleName}`);
  return cellAt(computeEffective(snapshot), oid, relOid);
}

describe('projectSnapshot', () => {
  it('returns the snapshot itself when nothing is staged, and never changes its input', () => {
    const { snapshot } = lesson();
    const before = JSON.stringify(snapshot);
    expect(projectSnapshot(snapshot, []).snapshot).toBe(snapshot);
    projectSnapshot(snapshot, [newRole('report_bot'), { kind: 'alterRole', name: 'data_viewer', superuser: false }]);
    expect(JSON.stringify(snapshot)).toBe(before);
  });

  it('makes a staged user a real role whose grant shows in its cells', () => {
    const { snapshot, sales, users } = lesson();
    const p = projectSnapshot(snapshot, [
      newRole('report_bot'),
      { kind: 'grantTable', database: 'db', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
    ]);
    const bot = p.snapshot.roles.find((r) => r.name === 'report_bot');
    expect(bot).toMatchObject({ canLogin: true, superuser: false, hasPassword: false });
    expect(p.stagedRoles.has(bot?.oid ?? -1)).toBe(true);
    expect(cellOf(p.snapshot, 'report_bot', sales)).toEqual({ privileges: SELECT, grantable: 0 });
    expect(cellOf(p.snapshot, 'report_bot', users)).toEqual({ privileges: 0, grantable: 0 });
    // The owner keeps everything: the NULL ACL became acldefault plus the grant.
    expect(p.snapshot.relations.find((r) => r.oid === sales)?.relacl).toBe('{datatweets=arwdDxtm/datatweets,report_bot=r/datatweets}');
  });

  it('gives a staged member what its staged group holds, and the same oid in every projection', () => {
    const { snapshot, users } = lesson();
    const changes: ChangeInput[] = [
      newRole('auditors', { login: false }),
      { kind: 'grantTable', database: 'db', schema: 'public', table: 'users', privileges: ['SELECT', 'INSERT'], grantee: role('auditors') },
      newRole('report_bot', { memberOf: ['auditors'] }),
    ];
    const p = projectSnapshot(snapshot, changes);
    expect(cellOf(p.snapshot, 'report_bot', users)).toEqual({ privileges: SELECT | INSERT, grantable: 0 });
    const again = projectSnapshot(snapshot, changes.slice(1).concat(changes.slice(0, 1)));
    expect(again.snapshot.roles.find((r) => r.name === 'auditors')?.oid).toBe(p.snapshot.roles.find((r) => r.name === 'auditors')?.oid);
  });

  it('leaves out, with the validator\'s words, a change whose role is not staged before it', () => {
    const { snapshot, sales } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'grantTable', database: 'db', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
      newRole('report_bot'),
    ]);
    expect(p.problems).toEqual([{ index: 0, field: 'grantee.name', message: 'There is no role named "report_bot".' }]);
    expect(cellOf(p.snapshot, 'report_bot', sales)).toEqual({ privileges: 0, grantable: 0 });
  });

  it('takes SUPERUSER away, so the grants that meant nothing are what remains', () => {
    const { snapshot, users, sales } = lesson();
    const p = projectSnapshot(snapshot, [{ kind: 'alterRole', name: 'data_viewer', superuser: false }]);
    const m = computeEffective(p.snapshot);
    expect(m.superuser[m.roleIndex.get(p.snapshot.roles.find((r) => r.name === 'data_viewer')?.oid ?? -1) ?? -1]).toBe(0);
    expect(cellOf(p.snapshot, 'data_viewer', users)).toEqual({ privileges: SELECT, grantable: 0 });
    expect(cellOf(p.snapshot, 'data_viewer', sales)).toEqual({ privileges: 0, grantable: 0 });
  });

  it('applies the read-only template to existing tables of the schema only, and records default privileges', () => {
    const { snapshot, hidden, data, owner } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'grantSchema', database: 'db', schema: 'user_data', privileges: ['USAGE'], grantee: role('readonly') },
      { kind: 'grantAllTablesInSchema', database: 'db', schema: 'user_data', privileges: ['SELECT'], grantee: role('readonly') },
      { kind: 'alterDefaultPrivileges', database: 'db', forRole: 'datatweets', inSchema: 'user_data', objtype: 'tables', action: 'grant', privileges: ['SELECT'], grantee: role('readonly') },
    ]);
    expect(cellOf(p.snapshot, 'readonly', hidden)).toEqual({ privileges: SELECT, grantable: 0 });
    expect(p.snapshot.schemas.find((s) => s.oid === data)?.nspacl).toBe('{datatweets=UC/datatweets,readonly=U/datatweets}');
    expect(p.snapshot.defaultAcls).toEqual([{ role: owner, schemaOid: data, objtype: 'r', defaclacl: '{readonly=r/datatweets}' }]);
    // Revoking the same default again deletes the row, as the server does.
    const back = projectSnapshot(p.snapshot, [
      { kind: 'alterDefaultPrivileges', database: 'db', forRole: 'datatweets', inSchema: 'user_data', objtype: 'tables', action: 'revoke', privileges: ['SELECT'], grantee: role('readonly') },
    ]);
    expect(back.snapshot.defaultAcls).toEqual([]);
  });

  it('revokes from PUBLIC and from the owner itself; a revoke of nothing changes no cell', () => {
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner');
    const t = b.relation('t', owner, '{owner=arwdDxt/owner,=r/owner}');
    const snapshot = b.build();
    const p = projectSnapshot(snapshot, [
      { kind: 'revokeTable', database: 'db', schema: 'public', table: 't', privileges: ['SELECT'], grantee: { kind: 'public' } },
      { kind: 'revokeTable', database: 'db', schema: 'public', table: 't', privileges: ['DELETE', 'UPDATE'], grantee: role('owner') },
      { kind: 'revokeTable', database: 'db', schema: 'public', table: 't', privileges: 'ALL', grantee: role('postgres') },
    ]);
    expect(p.snapshot.relations[0]?.relacl).toBe('{owner=arDxt/owner}');
    expect(cellOf(p.snapshot, 'owner', t)).toMatchObject({ privileges: expect.any(Number) as number });
    expect((cellOf(p.snapshot, 'owner', t)?.privileges ?? 0) & (DELETE | UPDATE)).toBe(0);
  });

  it('grants with grant option and revokes only the option', () => {
    const { snapshot, sales } = lesson();
    const grant: ChangeInput = { kind: 'grantTable', database: 'db', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('readonly'), withGrantOption: true };
    const p = projectSnapshot(snapshot, [grant]);
    expect(cellOf(p.snapshot, 'readonly', sales)).toEqual({ privileges: SELECT, grantable: SELECT });
    const q = projectSnapshot(snapshot, [grant, { kind: 'revokeTable', database: 'db', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('readonly'), grantOptionFor: true }]);
    expect(cellOf(q.snapshot, 'readonly', sales)).toEqual({ privileges: SELECT, grantable: 0 });
  });

  it('keeps sequence privileges to what sequences have, and ignores other databases', () => {
    const { snapshot, seq, sales } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'grantTable', database: 'db', schema: 'public', table: 'sales_id_seq', privileges: 'ALL', grantee: role('readonly') },
      { kind: 'grantTable', database: 'other', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('readonly') },
    ], { databases: [{ name: 'other', owner: 'postgres' }] });
    expect(p.problems).toEqual([]);
    expect(p.snapshot.relations.find((r) => r.oid === seq)?.relacl).toBe('{datatweets=rwU/datatweets,readonly=rwU/datatweets}');
    expect(cellOf(p.snapshot, 'readonly', sales)).toEqual({ privileges: 0, grantable: 0 });
  });

  it('removes a membership and its inherited privileges', () => {
    const { snapshot, users } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'alterRole', name: 'data_viewer', superuser: false },
      { kind: 'removeMember', group: 'readonly', member: 'data_viewer' },
    ]);
    expect(p.snapshot.memberships).toEqual([]);
    expect(cellOf(p.snapshot, 'data_viewer', users)).toEqual({ privileges: 0, grantable: 0 });
  });

  it('renames a role in every ACL and keeps its cells', () => {
    const { snapshot, users } = lesson();
    const p = projectSnapshot(snapshot, [{ kind: 'alterRole', name: 'readonly', rename: 'read only' }]);
    expect(p.snapshot.relations.find((r) => r.oid === users)?.relacl).toBe('{datatweets=arwdDxtm/datatweets,"\\"read only\\"=r/datatweets"}');
    expect(cellOf(p.snapshot, 'read only', users)).toEqual({ privileges: SELECT, grantable: 0 });
  });

  it('reassigns and drops what a role owns, then drops the role', () => {
    const { snapshot, users, data } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'reassignOwned', database: 'db', roles: ['datatweets'], newOwner: 'readonly' },
      { kind: 'dropOwned', database: 'db', roles: ['datatweets'] },
      { kind: 'dropRole', name: 'datatweets' },
    ]);
    expect(p.problems).toEqual([]);
    expect(p.snapshot.roles.some((r) => r.name === 'datatweets')).toBe(false);
    expect(p.snapshot.schemas.find((s) => s.oid === data)?.owner).toBe(snapshot.roles.find((r) => r.name === 'readonly')?.oid);
    expect(p.snapshot.relations.find((r) => r.oid === users)?.relacl).toBe('{readonly=arwdDxtm/readonly}');
    expect(cellOf(p.snapshot, 'readonly', users)).toMatchObject({ privileges: expect.any(Number) as number });
  });

  it('creates schemas in this database and lists staged databases', () => {
    const { snapshot } = lesson();
    const p = projectSnapshot(snapshot, [
      { kind: 'createSchema', database: 'db', name: 'Reports "2026"', owner: 'datatweets' },
      { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
      { kind: 'createSchema', database: 'analytics', name: 'elsewhere' },
    ], { databases: [{ name: 'db', owner: 'postgres' }], currentUser: 'postgres' });
    const created = p.snapshot.schemas.find((s) => s.name === 'Reports "2026"');
    expect(created).toMatchObject({ nspacl: null });
    expect(p.stagedSchemas.has(created?.oid ?? -1)).toBe(true);
    expect(p.snapshot.schemas.some((s) => s.name === 'elsewhere')).toBe(false);
    expect(p.databases).toEqual([
      { name: 'db', owner: 'postgres', staged: false },
      { name: 'analytics', owner: 'postgres', staged: true },
    ]);
  });

  it('grants on the database row of this snapshot', () => {
    const { snapshot } = lesson();
    const p = projectSnapshot(snapshot, [{ kind: 'revokeDatabase', database: 'db', privileges: ['CONNECT', 'TEMPORARY'], grantee: { kind: 'public' } }]);
    expect(p.snapshot.database.datacl).toBe('{postgres=CTc/postgres}');
    expect(p.snapshot.database.owner).toBe(BOOTSTRAP_OID);
    expect(PUBLIC_SCHEMA_OID).toBe(2200);
  });
});
