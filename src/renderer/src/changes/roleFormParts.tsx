import { Field } from '../connections/Field';

/** The typed text of a role's connection limit and expiry. */
export interface LimitValues {
  limit: string;
  validUntil: string;
}

/** The "Connection limit" and "Valid until" fields of the New user and Edit role forms. */
export function LimitFields({ values, errors, onChange }: {
  values: LimitValues;
  errors: Partial<Record<keyof LimitValues, string>>;
  onChange: (field: keyof LimitValues, value: string) => void;
}) {
  return (
    <div className="form-grid">
      <Field label="Connection limit" error={errors.limit} hint="Empty or -1 for no limit." className="span-2">
        {(a) => <input {...a} type="text" inputMode="numeric" value={values.limit} onChange={(e) => onChange('limit', e.target.value)} />}
      </Field>
      <Field label="Valid until" error={errors.validUntil} hint="Empty for no expiry." className="span-2">
        {(a) => <input {...a} type="datetime-local" value={values.validUntil} onChange={(e) => onChange('validUntil', e.target.value)} />}
      </Field>
    </div>
  );
}

/** The typed password and its repetition. */
export interface PasswordValues {
  password: string;
  confirm: string;
}

/** A new password typed twice; `label` names the first box, "Repeat …" the second. */
export function PasswordFields({ label, values, errors, onChange }: {
  label: 'Password' | 'New password';
  values: PasswordValues;
  errors: Partial<Record<keyof PasswordValues, string>>;
  onChange: (field: keyof PasswordValues, value: string) => void;
}) {
  return (
    <div className="form-grid">
      <Field label={label} error={errors.password} className="span-2">
        {(a) => <input {...a} type="password" value={values.password} autoComplete="new-password" onChange={(e) => onChange('password', e.target.value)} />}
      </Field>
      <Field label={`Repeat ${label.toLowerCase()}`} error={errors.confirm} className="span-2">
        {(a) => <input {...a} type="password" value={values.confirm} autoComplete="new-password" onChange={(e) => onChange('confirm', e.target.value)} />}
      </Field>
    </div>
  );
}

/** Why SUPERUSER is to be given sparingly. */
export function SuperuserNote() {
  return (
    <p className="note-warning" role="note">
      A superuser bypasses every permission check: grants and revokes mean nothing for it. Give it only to administrators.
    </p>
  );
}

/** What a role that may log in without a password risks. */
export function NoPasswordNote() {
  return (
    <p className="note-warning" role="note">
      Without a password, anyone who knows the name may log in wherever pg_hba.conf allows it (for example with trust).
    </p>
  );
}
