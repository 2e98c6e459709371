import type { Role } from '../../../shared/api/contract';
import type { ChangeInput, ChangeOf, PasswordSetting } from '../../../shared/changes/schema';

/** What the Edit role form holds, as typed. */
export interface RoleFormValues {
  name: string;
  login: boolean;
  superuser: boolean;
  createDb: boolean;
  createRole: boolean;
  inherit: boolean;
  passwordAction: 'keep' | 'set' | 'remove';
  password: string;
  confirm: string;
  /** Connection limit as typed; empty for none. */
  limit: string;
  /** A datetime-local value; empty for no expiry. */
  validUntil: string;
  memberOf: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Turns pg_roles.rolvaliduntil as text ("2030-01-31 00:00:00+00", "infinity") into a
 * datetime-local value in the browser's time zone; empty for none or infinity.
 */
export function validUntilInput(text: string | null): string {
  if (text === null || /infinity/i.test(text)) return '';
  // why: PostgreSQL writes "+00" and a space; Date wants "T" and "+00:00".
  const iso = text.trim().replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The form as it starts for a role: its current attributes and groups. */
export function initialRoleForm(role: Role): RoleFormValues {
  return {
    name: role.name,
    login: role.kind === 'user',
    superuser: role.superuser,
    createDb: role.createDb,
    createRole: role.createRole,
    inherit: role.inherit,
    passwordAction: 'keep',
    password: '',
    confirm: '',
    limit: role.connectionLimit === -1 ? '' : String(role.connectionLimit),
    validUntil: validUntilInput(role.validUntil),
    memberOf: [...role.memberOf],
  };
}

/** The form's values after parsing, with the password already a verifier (or none). */
export interface ParsedRoleForm {
  values: RoleFormValues;
  password: PasswordSetting | undefined;
  connectionLimit: number;
  /** The new expiry as ISO text, null for none; only read when the typed value changed. */
  validUntil: string | null;
}

/**
 * The changes that turn `role` into what the form says, and only those: membership changes
 * first (under the current name, so each stays valid on its own), then one ALTER ROLE with
 * every attribute that differs and the rename, which PostgreSQL runs last.
 */
export function roleEditChanges(role: Role, form: ParsedRoleForm): ChangeInput[] {
  const { values } = form;
  const initial = initialRoleForm(role);
  const added = values.memberOf.filter((g) => !role.memberOf.includes(g));
  const removed = role.memberOf.filter((g) => !values.memberOf.includes(g));
  const out: ChangeInput[] = [
    ...removed.map((group): ChangeInput => ({ kind: 'removeMember', group, member: role.name })),
    ...added.map((group): ChangeInput => ({ kind: 'addMember', group, member: role.name })),
  ];
  const alter: ChangeOf<'alterRole'> = { kind: 'alterRole', name: role.name };
  if (values.login !== initial.login) alter.login = values.login;
  if (values.superuser !== role.superuser) alter.superuser = values.superuser;
  if (values.createDb !== role.createDb) alter.createDb = values.createDb;
  if (values.createRole !== role.createRole) alter.createRole = values.createRole;
  if (values.inherit !== role.inherit) alter.inherit = values.inherit;
  if (form.password !== undefined) alter.password = form.password;
  if (form.connectionLimit !== role.connectionLimit) alter.connectionLimit = form.connectionLimit;
  if (values.validUntil !== initial.validUntil) alter.validUntil = form.validUntil;
  if (values.name !== role.name) alter.rename = values.name;
  if (Object.keys(alter).length > 2) out.push(alter);
  return out;
}
