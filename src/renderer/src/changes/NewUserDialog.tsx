import { useState, type SyntheticEvent } from 'react';
import { roleNameSchema, type ChangeInput, type PasswordSetting } from '../../../shared/changes/schema';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Field } from '../connections/Field';
import { NameField } from './NameField';
import { FormAlert, StageActions, useFocusFirstInvalid } from './formParts';
import { noProblems, type ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { ordinaryRoles, RoleChecklist } from './RoleChecklist';
import { useStagedChanges } from './StagedChanges';
import { useServerCheck } from './useServerCheck';
import { firstProblem, parseLimit, parseValidUntil } from './validation';

interface Values {
  name: string;
  password: string;
  confirm: string;
  noPassword: boolean;
  createDb: boolean;
  createRole: boolean;
  superuser: boolean;
  limit: string;
  validUntil: string;
  memberOf: string[];
}
type ErrorField = 'name' | 'password' | 'confirm' | 'limit' | 'validUntil' | 'memberOf';
type Errors = Partial<Record<ErrorField, string>>;

/** Where the server's problems with a CREATE ROLE go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { name: 'name', password: 'password', connectionLimit: 'limit', validUntil: 'validUntil', memberOf: 'memberOf' };

const initial: Values = {
  name: '',
  password: '',
  confirm: '',
  noPassword: false,
  createDb: false,
  createRole: false,
  superuser: false,
  limit: '',
  validUntil: '',
  memberOf: [],
};

/**
 * Stages CREATE ROLE … LOGIN. The typed password is turned into a SCRAM verifier by main
 * and then wiped from this form; only the verifier is staged.
 */
export function NewUserDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const cache = useCache();
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const groups = ordinaryRoles(roles.data?.roles).filter((r) => r.kind === 'group');
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const change = (password: PasswordSetting, limit: number, validUntil: string | null): ChangeInput => ({
    kind: 'createRole',
    name: values.name,
    login: true,
    password,
    superuser: values.superuser,
    createDb: values.createDb,
    createRole: values.createRole,
    inherit: true,
    connectionLimit: limit,
    validUntil,
    memberOf: values.memberOf,
  });

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const found: Errors = {};
    const nameProblem = firstProblem(roleNameSchema, values.name);
    if (nameProblem !== undefined) found.name = nameProblem;
    if (!values.noPassword) {
      if (values.password === '') found.password = 'Enter a password, or tick “No password”.';
      else if (values.password !== values.confirm) found.confirm = 'The two passwords differ.';
    }
    const limit = parseLimit(values.limit);
    if (!limit.ok) found.limit = limit.message;
    const until = parseValidUntil(values.validUntil);
    if (!until.ok) found.validUntil = until.message;
    setErrors(found);
    if (!limit.ok || !until.ok || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      // why: ask the server first (with no password: the verifier main makes is always valid),
      // so a name that is taken does not cost the typed password.
      const problems = await check([change({ kind: 'none' }, limit.value, until.value)]);
      if (!noProblems(problems)) {
        setErrors(problems.fields);
        focusInvalid();
        setFormError(problems.other.join(' ') || null);
        return;
      }
      const password = values.noPassword
        ? ({ kind: 'none' } as const)
        : ({ kind: 'verifier', verifier: (await cache.api.invoke('password.hash', { password: values.password })).verifier } as const);
      // why: the plaintext must not outlive the hash; wipe it before anything else happens.
      setValues((v) => ({ ...v, password: '', confirm: '' }));
      staged.add([change(password, limit.value, until.value)]);
      onClose();
    } catch (err: unknown) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="New user" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <NameField value={values.name} error={errors.name} onChange={(value) => set('name', value)} />
        <label className="check-inline">
          <input type="checkbox" checked={values.noPassword} onChange={(e) => set('noPassword', e.target.checked)} />
          No password
        </label>
        {values.noPassword ? (
          <p className="note-warning" role="note">
            Without a password, anyone who knows the name may log in wherever pg_hba.conf allows it (for example with trust).
          </p>
        ) : (
          <div className="form-grid">
            <Field label="Password" error={errors.password} className="span-2">
              {(a) => <input {...a} type="password" value={values.password} autoComplete="new-password" onChange={(e) => set('password', e.target.value)} />}
            </Field>
            <Field label="Repeat password" error={errors.confirm} className="span-2">
              {(a) => <input {...a} type="password" value={values.confirm} autoComplete="new-password" onChange={(e) => set('confirm', e.target.value)} />}
            </Field>
          </div>
        )}
        <label className="check-inline">
          <input type="checkbox" checked={values.createDb} onChange={(e) => set('createDb', e.target.checked)} />
          May create databases (CREATEDB)
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={values.createRole} onChange={(e) => set('createRole', e.target.checked)} />
          May create roles (CREATEROLE)
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={values.superuser} onChange={(e) => set('superuser', e.target.checked)} />
          Superuser (SUPERUSER)
        </label>
        {values.superuser && (
          <p className="note-warning" role="note">
            A superuser bypasses every permission check: grants and revokes mean nothing for it. Give it only to administrators.
          </p>
        )}
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
          empty="No groups on this server yet."
        />
        <StageActions label="Stage user" onCancel={onClose} busy={busy} />
      </form>
    </Modal>
  );
}
