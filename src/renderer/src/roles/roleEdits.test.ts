import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/api/contract';
import { initialRoleForm, roleEditChanges, validUntilInput, type ParsedRoleForm, type RoleFormValues } from './roleEdits';

const viewer: Role = {
  name: 'data_viewer',
  kind: 'user',
  superuser: true,
  inherit: true,
  createRole: false,
  createDb: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  validUntil: null,
  memberOf: ['readonly'],
};

const parsed = (values: RoleFormValues, extra: Partial<ParsedRoleForm> = {}): ParsedRoleForm => ({
  values,
  password: undefined,
  connectionLimit: values.limit === '' ? -1 : Number(values.limit),
  validUntil: null,
  ...extra,
});

const local = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

describe('roleEditChanges', () => {
  it('stages nothing when nothing changed', () => {
    expect(roleEditChanges(viewer, parsed(initialRoleForm(viewer)))).toEqual([]);
  });

  it('stages only the attributes that changed, memberships first', () => {
    const values = { ...initialRoleForm(viewer), superuser: false, limit: '5', memberOf: ['readwrite'] };
    expect(roleEditChanges(viewer, parsed(values))).toEqual([
      { kind: 'removeMember', group: 'readonly', member: 'data_viewer' },
      { kind: 'addMember', group: 'readwrite', member: 'data_viewer' },
      { kind: 'alterRole', name: 'data_viewer', superuser: false, connectionLimit: 5 },
    ]);
  });

  it('renames, sets or removes the password, and lifts an expiry', () => {
    const verifier = 'SCRAM-SHA-256$4096:c2FsdA==$a:b';
    const dated: Role = { ...viewer, kind: 'group', validUntil: '2030-01-31 00:00:00+00', connectionLimit: 3 };
    const values = { ...initialRoleForm(dated), name: 'Viewer "2"', login: true, validUntil: '', limit: '' };
    expect(roleEditChanges(dated, parsed(values, { password: { kind: 'verifier', verifier } }))).toEqual([
      {
        kind: 'alterRole',
        name: 'data_viewer',
        login: true,
        password: { kind: 'verifier', verifier },
        connectionLimit: -1,
        validUntil: null,
        rename: 'Viewer "2"',
      },
    ]);
    expect(roleEditChanges(viewer, parsed(initialRoleForm(viewer), { password: { kind: 'none' } }))).toEqual([
      { kind: 'alterRole', name: 'data_viewer', password: { kind: 'none' } },
    ]);
  });

  it('sets an expiry only when the typed value changed', () => {
    const dated: Role = { ...viewer, validUntil: '2030-01-31 00:00:00+00' };
    expect(roleEditChanges(dated, parsed(initialRoleForm(dated), { validUntil: 'ignored' }))).toEqual([]);
    const values = { ...initialRoleForm(dated), validUntil: '2031-06-01T12:00' };
    const iso = new Date('2031-06-01T12:00').toISOString();
    expect(roleEditChanges(dated, parsed(values, { validUntil: iso }))).toEqual([{ kind: 'alterRole', name: 'data_viewer', validUntil: iso }]);
  });
});

describe('validUntilInput', () => {
  it('reads PostgreSQL timestamps into the local datetime-local form', () => {
    expect(validUntilInput('2030-01-31 00:00:00+00')).toBe(local(new Date(Date.UTC(2030, 0, 31))));
    expect(validUntilInput('2030-01-31 05:30:00.5+05:30')).toBe(local(new Date(Date.UTC(2030, 0, 31, 0, 0, 0, 500))));
    expect(validUntilInput('infinity')).toBe('');
    expect(validUntilInput(null)).toBe('');
    expect(validUntilInput('not a date')).toBe('');
  });
});
