import { Field } from '../connections/Field';

interface NameFieldProps {
  value: string;
  error: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
}

/** The "Name" field of the role and database forms: a plain text box, no autocomplete or spellcheck. */
export function NameField({ value, error, hint, onChange }: NameFieldProps) {
  return (
    <Field label="Name" error={error} hint={hint}>
      {(a) => <input {...a} type="text" value={value} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
