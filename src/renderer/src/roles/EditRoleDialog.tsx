import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import type { Role } from '../../../shared/api/contract';
import { offers } from '../../../shared/changes/authority';
import { roleNameSchema, type PasswordSetting } from '../../../shared/changes/schema';
import { useCache } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { FormAlert, StageActions } from '../changes/formParts';
import type { ProblemFieldMap } from '../changes/formProblems';
import { NameField } from '../changes/NameField';
import { ordinaryRoles, RoleChecklist } from '../changes/RoleChecklist';
import { useProjectedLists } from '../changes/useProjectedLists';
import { LimitFields, NoPasswordNote, PasswordFields, SuperuserNote } from '../changes/roleFormParts';
import { useStageForm } from '../changes/useStageForm';
import { firstProblem, parseLimits } from '../changes/validation';
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
  // why: a group staged a moment ago can be picked (the projection of the staged changes).
  const { roles } = useProjectedLists(connectionId);
  const [values, setValues] = useState<RoleFormValues>(() => initialRoleForm(role));
  const form = useStageForm(serverFields, onClose);
  const isBootstrap = session?.bootstrapSuperuser === role.name;
  const isSelf = session?.currentUser === role.name;
  // why: a role that is not superuser is offered only the groups and attributes it may change
  // (docs/privileges.md §6); groups the role is in stay listed, and staging says if they cannot go.
  const authority = useQuery('server.authority', { connectionId }).data;
  const groups = ordinaryRoles(roles).filter(
    (r) => r.name !== role.name && (role.memberOf.includes(r.name) || (r.kind === 'group' && offers.membershipIn(r.name, authority) === null)),
  );
  const superuserRefused = offers.alterAttribute(role.name, 'superuser', authority);
  const createDbRefused = offers.alterAttribute(role.name, 'createDb', authority);

  const set = <K extends keyof RoleFormValues>(key: K, value: RoleFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    form.clearError(...(errorsOf[key] ?? []));
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const { parsed: limits, problems } = parseLimits(values);
    const found: Errors = { ...problems };
    if (values.name !== role.name) {
      const problem = isSelf ? 'You are connected as this role; PostgreSQL does not let it be renamed.' : firstProblem(roleNameSchema, values.name);
      if (problem !== undefined) found.name = problem;
    }
    if (values.passwordAction === 'set') {
      if (values.password === '') found.password = 'Enter the new password, or keep the current one.';
      else if (values.password !== values.confirm) found.confirm = 'The two passwords differ.';
    }
    if (!form.validate(found) || limits === null) return;
    const parsed = (password: PasswordSetting | undefined) => ({ values, password, ...limits });
    // why: the server check runs before hashing, with "no password" standing in for the verifier.
    const draft = roleEditChanges(role, parsed(values.passwordAction === 'keep' ? undefined : { kind: 'none' }));
    if (draft.length === 0) {
      form.validate('Nothing has changed yet.');
      return;
    }
    void form.stage(draft, async () => {
      let password: PasswordSetting | undefined;
      if (values.passwordAction === 'set') {
        password = { kind: 'verifier', verifier: (await cache.api.invoke('password.hash', { connectionId, password: values.password })).verifier };
        // why: the plaintext must not outlive the hash; wipe it before anything else happens.
        setValues((v) => ({ ...v, password: '', confirm: '' }));
      } else if (values.passwordAction === 'remove') password = { kind: 'none' };
      return roleEditChanges(role, parsed(password));
    });
  };

  return (
    <Modal title={`Edit role ${role.name}`} onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        <NameField
          value={values.name}
          error={form.errors.name}
          hint={isSelf ? 'You are connected as this role, so it cannot be renamed.' : 'A new name renames the role; an MD5 password is cleared by a rename, a SCRAM one is kept.'}
          onChange={(v) => set('name', v)}
        />
        <div className="check-grid">
          <Check label="May log in (LOGIN)" checked={values.login} onChange={(v) => set('login', v)} />
          <Check
            label="Superuser (SUPERUSER)"
            checked={values.superuser}
            disabled={(isBootstrap && values.superuser) || (superuserRefused !== null && values.superuser === role.superuser)}
            error={form.errors.superuser}
            note={isBootstrap ? 'The bootstrap superuser made by initdb must keep SUPERUSER.' : (superuserRefused ?? undefined)}
            onChange={(v) => set('superuser', v)}
          />
          <Check
            label="May create databases (CREATEDB)"
            checked={values.createDb}
            disabled={createDbRefused !== null && values.createDb === role.createDb}
            note={createDbRefused ?? undefined}
            onChange={(v) => set('createDb', v)}
          />
          <Check label="May create roles (CREATEROLE)" checked={values.createRole} onChange={(v) => set('createRole', v)} />
          <Check label="Inherits its groups' privileges (INHERIT)" checked={values.inherit} onChange={(v) => set('inherit', v)} />
        </div>
        {values.superuser && !role.superuser && <SuperuserNote />}
        {values.superuser && role.superuser && !isBootstrap && (role.memberOf.length > 0 || values.memberOf.length > 0) && (
          <p className="note-warning" role="note">
            {role.name} is a superuser, so it bypasses every permission check: its groups and grants restrict nothing. Untick Superuser if it
            should have only what it was granted.
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
        {values.passwordAction === 'set' && <PasswordFields label="New password" values={values} errors={form.errors} onChange={set} />}
        {values.passwordAction === 'remove' && values.login && <NoPasswordNote />}
        {values.passwordAction !== 'set' && form.errors.password !== undefined && <p className="field-error">{form.errors.password}</p>}
        <LimitFields values={values} errors={form.errors} onChange={set} />
        <RoleChecklist
          legend="Member of"
          roles={groups}
          chosen={values.memberOf}
          error={form.errors.memberOf}
          onChange={(v) => set('memberOf', v)}
          empty="No groups on this server."
        />
        <StageActions label="Stage changes" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
