import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import type { Role } from '../../../shared/api/contract';
import { roleNameSchema, type PasswordSetting } from '../../../shared/changes/schema';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { FormAlert, StageActions, useFocusFirstInvalid } from '../changes/formParts';
import { noProblems, type ProblemFieldMap } from '../changes/formProblems';
import { NameField } from '../changes/NameField';
import { ordinaryRoles, RoleChecklist } from '../changes/RoleChecklist';
import { useStagedChanges } from '../changes/StagedChanges';
import { useServerCheck } from '../changes/useServerCheck';
import { firstProblem, parseLimit, parseValidUntil } from '../changes/validation';
import { Field } from '../connections/Field';
import { Modal } from '../layout/Modal';
import { initialRoleForm, roleEditChanges, type RoleFormValues } from './roleEdits';

type ErrorField = 'name' | 'password' | 'confirm' | 'limit' | 'validUntil' | 'memberOf' | 'superuser';
type Errors = Partial<Record<ErrorField, string>>;

/** Where the server's problems with the staged ALTER ROLE and memberships go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = {
  'alterRole.rename': 'name',
  'alterRole.superuser': 'superuser',
  'alterRole.password': 'password',
  connectionLimit: 'limit',
  validUntil: 'validUntil',
  group: 'memberOf',
  member: 'memberOf',
};

/** The errors a change of each value clears. */
const errorsOf: Partial<Record<keyof RoleFormValues, ErrorField[]>> = {
  name: ['name'],
  superuser: ['superuser'],
  passwordAction: ['password', 'confirm'],
  password: ['password'],
  confirm: ['confirm'],
  limit: ['limit'],
  validUntil: ['validUntil'],
  memberOf: ['memberOf'],
};

/** A checkbox with its error beside it, tied together for screen readers. */
function Check({ label, checked, disabled = false, error, note, onChange }: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  error?: string | undefined;
  note?: ReactNode;
  onChange: (on: boolean) => void;
}) {
  const id = useId();
  const describedBy = [error !== undefined ? `${id}-error` : null, note !== undefined ? `${id}-note` : null].filter((s) => s !== null).join(' ');
  return (
    <div className="check-field">
      <label className="check-inline">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {note !== undefined && <span id={`${id}-note`} className="field-hint">{note}</span>}
      {error !== undefined && <span id={`${id}-error`} className="field-error">{error}</span>}
    </div>
  );
}

/** What the Edit role form needs to know about the session. */
export interface SessionFacts {
  currentUser: string;
  bootstrapSuperuser: string;
}

/**
 * Stages ALTER ROLE with only what changed, plus GRANT/REVOKE for memberships added or
 * removed. A new password is turned into a SCRAM verifier by main and wiped from the form;
 * only the verifier is staged.
 */
export function EditRoleDialog({ connectionId, role, session, onClose }: {
  connectionId: string;
  role: Role;
  session: SessionFacts | undefined;
  onClose: () => void;
}) {
  const cache = useCache();
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const [values, setValues] = useState<RoleFormValues>(() => initialRoleForm(role));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();
  const isBootstrap = session?.bootstrapSuperuser === role.name;
  const isSelf = session?.currentUser === role.name;
  const groups = ordinaryRoles(roles.data?.roles).filter((r) => r.name !== role.name && (r.kind === 'group' || role.memberOf.includes(r.name)));

  const set = <K extends keyof RoleFormValues>(key: K, value: RoleFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const cleared = errorsOf[key] ?? [];
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([field]) => !cleared.some((c) => c === field))));
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const found: Errors = {};
    if (values.name !== role.name) {
      const problem = isSelf ? 'You are connected as this role; PostgreSQL does not let it be renamed.' : firstProblem(roleNameSchema, values.name);
      if (problem !== undefined) found.name = problem;
    }
    if (values.passwordAction === 'set') {
      if (values.password === '') found.password = 'Enter the new password, or keep the current one.';
      else if (values.password !== values.confirm) found.confirm = 'The two passwords differ.';
    }
    const limit = parseLimit(values.limit);
    if (!limit.ok) found.limit = limit.message;
    const until = parseValidUntil(values.validUntil);
    if (!until.ok) found.validUntil = until.message;
    setErrors(found);
    if (!limit.ok || !until.ok || Object.keys(found).length > 0) {
      focusInvalid();
      return;
    }
    const parsed = (password: PasswordSetting | undefined) => ({ values, password, connectionLimit: limit.value, validUntil: until.value });
    // why: the server check runs before hashing, with "no password" standing in for the verifier.
    const draft = roleEditChanges(role, parsed(values.passwordAction === 'keep' ? undefined : { kind: 'none' }));
    if (draft.length === 0) {
      setFormError('Nothing has changed yet.');
      return;
    }
    setBusy(true);
    try {
      const problems = await check(draft);
      if (!noProblems(problems)) {
        setErrors(problems.fields);
        focusInvalid();
        setFormError(problems.other.join(' ') || null);
        return;
      }
      let password: PasswordSetting | undefined;
      if (values.passwordAction === 'set') {
        password = { kind: 'verifier', verifier: (await cache.api.invoke('password.hash', { password: values.password })).verifier };
        // why: the plaintext must not outlive the hash; wipe it before anything else happens.
        setValues((v) => ({ ...v, password: '', confirm: '' }));
      } else if (values.passwordAction === 'remove') password = { kind: 'none' };
      staged.add(roleEditChanges(role, parsed(password)));
      onClose();
    } catch (err: unknown) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Edit role ${role.name}`} onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <NameField
          value={values.name}
          error={errors.name}
          hint={isSelf ? 'You are connected as this role, so it cannot be renamed.' : 'A new name renames the role; an MD5 password is cleared by a rename, a SCRAM one is kept.'}
          onChange={(v) => set('name', v)}
        />
        <div className="check-grid">
          <Check label="May log in (LOGIN)" checked={values.login} onChange={(v) => set('login', v)} />
          <Check
            label="Superuser (SUPERUSER)"
            checked={values.superuser}
            disabled={isBootstrap && values.superuser}
            error={errors.superuser}
            note={isBootstrap ? 'The bootstrap superuser made by initdb must keep SUPERUSER.' : undefined}
            onChange={(v) => set('superuser', v)}
          />
          <Check label="May create databases (CREATEDB)" checked={values.createDb} onChange={(v) => set('createDb', v)} />
          <Check label="May create roles (CREATEROLE)" checked={values.createRole} onChange={(v) => set('createRole', v)} />
          <Check label="Inherits its groups' privileges (INHERIT)" checked={values.inherit} onChange={(v) => set('inherit', v)} />
        </div>
        {values.superuser && !role.superuser && (
          <p className="note-warning" role="note">
            A superuser bypasses every permission check: grants and revokes mean nothing for it. Give it only to administrators.
          </p>
        )}
        <fieldset className="radio-group">
          <legend>Password</legend>
          {(
            [
              ['keep', 'Keep as it is'],
              ['set', 'Set a new password'],
              ['remove', 'Remove the password (PASSWORD NULL)'],
            ] as const
          ).map(([action, label]) => (
            <label key={action} className="check-inline">
              <input type="radio" name="password-action" checked={values.passwordAction === action} onChange={() => set('passwordAction', action)} />
              {label}
            </label>
          ))}
        </fieldset>
        {values.passwordAction === 'set' && (
          <div className="form-grid">
            <Field label="New password" error={errors.password} className="span-2">
              {(a) => <input {...a} type="password" value={values.password} autoComplete="new-password" onChange={(e) => set('password', e.target.value)} />}
            </Field>
            <Field label="Repeat new password" error={errors.confirm} className="span-2">
              {(a) => <input {...a} type="password" value={values.confirm} autoComplete="new-password" onChange={(e) => set('confirm', e.target.value)} />}
            </Field>
          </div>
        )}
        {values.passwordAction === 'remove' && values.login && (
          <p className="note-warning" role="note">
            Without a password, anyone who knows the name may log in wherever pg_hba.conf allows it (for example with trust).
          </p>
        )}
        {values.passwordAction !== 'set' && errors.password !== undefined && <p className="field-error">{errors.password}</p>}
        <div className="form-grid">
          <Field label="Connection limit" error={errors.limit} hint="Empty or -1 for no limit." className="span-2">
            {(a) => <input {...a} type="text" inputMode="numeric" value={values.limit} onChange={(e) => set('limit', e.target.value)} />}
          </Field>
          <Field label="Valid until" error={errors.validUntil} hint="Empty for no expiry." className="span-2">
            {(a) => <input {...a} type="datetime-local" value={values.validUntil} onChange={(e) => set('validUntil', e.target.value)} />}
          </Field>
        </div>
        <RoleChecklist
          legend="Member of"
          roles={groups}
          chosen={values.memberOf}
          error={errors.memberOf}
          onChange={(v) => set('memberOf', v)}
          empty="No groups on this server."
        />
        <StageActions label="Stage changes" onCancel={onClose} busy={busy} />
      </form>
    </Modal>
  );
}
