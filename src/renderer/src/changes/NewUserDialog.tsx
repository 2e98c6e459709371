import { useState, type SyntheticEvent } from 'react';
import { offers } from '../../../shared/changes/authority';
import { roleNameSchema, type ChangeInput, type PasswordSetting } from '../../../shared/changes/schema';
import { useCache } from '../api/ApiContext';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { FormAlert, StageActions } from './formParts';
import type { ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { ordinaryRoles, RoleChecklist } from './RoleChecklist';
import { useProjectedLists } from './useProjectedLists';
import { LimitFields, NoPasswordNote, PasswordFields, SuperuserNote } from './roleFormParts';
import { useStageForm } from './useStageForm';
import { firstProblem, parseLimits, type ParsedLimits } from './validation';

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
  const authority = useQuery('server.authority', { connectionId }).data;
  // why: a group staged a moment ago can be picked (the projection of the staged changes); only
  // groups the connected role may grant (ADMIN OPTION from 16 on) are offered, and only the attributes it may give.
  const groups = ordinaryRoles(useProjectedLists(connectionId).roles).filter((r) => r.kind === 'group' && offers.membershipIn(r.name, authority) === null);
  const superuserRefused = offers.createRole(authority, { superuser: true });
  const createDbRefused = offers.createRole(authority, { createDb: true });
  const [values, setValues] = useState<Values>(initial);
  const form = useStageForm(serverFields, onClose);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  /** Sets a value that has a field error of its own, and takes that error away. */
  const edit = <K extends ErrorField>(key: K, value: Values[K]) => {
    set(key, value);
    form.clearError(key);
  };
  const change = (password: PasswordSetting, { connectionLimit, validUntil }: ParsedLimits): ChangeInput => ({
    kind: 'createRole',
    name: values.name,
    login: true,
    password,
    superuser: values.superuser,
    createDb: values.createDb,
    createRole: values.createRole,
    inherit: true,
    connectionLimit,
    validUntil,
    memberOf: values.memberOf,
  });

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const { parsed: limits, problems } = parseLimits(values);
    const found: Errors = { ...problems };
    const nameProblem = firstProblem(roleNameSchema, values.name);
    if (nameProblem !== undefined) found.name = nameProblem;
    if (!values.noPassword) {
      if (values.password === '') found.password = 'Enter a password, or tick “No password”.';
      else if (values.password !== values.confirm) found.confirm = 'The two passwords differ.';
    }
    if (!form.validate(found) || limits === null) return;
    // why: ask the server first (with no password: the verifier main makes is always valid),
    // so a name that is taken does not cost the typed password.
    void form.stage([change({ kind: 'none' }, limits)], async () => {
      const password = values.noPassword
        ? ({ kind: 'none' } as const)
        : ({ kind: 'verifier', verifier: (await cache.api.invoke('password.hash', { connectionId, password: values.password })).verifier } as const);
      // why: the plaintext must not outlive the hash; wipe it before anything else happens.
      setValues((v) => ({ ...v, password: '', confirm: '' }));
      return [change(password, limits)];
    });
  };

  return (
    <Modal title="New user" onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        <NameField value={values.name} error={form.errors.name} onChange={(value) => edit('name', value)} />
        <label className="check-inline">
          <input type="checkbox" checked={values.noPassword} onChange={(e) => set('noPassword', e.target.checked)} />
          No password
        </label>
        {values.noPassword ? <NoPasswordNote /> : <PasswordFields label="Password" values={values} errors={form.errors} onChange={edit} />}
        <label className="check-inline">
          <input type="checkbox" checked={values.createDb} disabled={createDbRefused !== null} title={createDbRefused ?? undefined} onChange={(e) => set('createDb', e.target.checked)} />
          May create databases (CREATEDB)
        </label>
        {createDbRefused !== null && <p className="field-hint">{createDbRefused}</p>}
        <label className="check-inline">
          <input type="checkbox" checked={values.createRole} onChange={(e) => set('createRole', e.target.checked)} />
          May create roles (CREATEROLE)
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={values.superuser} disabled={superuserRefused !== null} title={superuserRefused ?? undefined} onChange={(e) => set('superuser', e.target.checked)} />
          Superuser (SUPERUSER)
        </label>
        {superuserRefused !== null && <p className="field-hint">{superuserRefused}</p>}
        {values.superuser && <SuperuserNote />}
        <LimitFields values={values} errors={form.errors} onChange={edit} />
        <RoleChecklist
          legend="Member of"
          roles={groups}
          chosen={values.memberOf}
          error={form.errors.memberOf}
          onChange={(v) => edit('memberOf', v)}
          empty="No groups on this server yet."
        />
        <StageActions label="Stage user" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
