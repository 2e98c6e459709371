import type { Database, Role } from '../../../shared/api/contract';
import { Field } from '../connections/Field';
import { ordinaryRoles } from './RoleChecklist';

/** Cancel and the submit button that stages the form's changes. */
export function StageActions({ label, onCancel, busy = false }: { label: string; onCancel: () => void; busy?: boolean }) {
  return (
    <div className="form-actions">
      <span className="spacer" />
      <button type="button" className="button button-ghost" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {label}
      </button>
    </div>
  );
}

/** The form's own alert: problems that belong to no single field, or a failed request. */
export function FormAlert({ message }: { message: string | null }) {
  if (message === null || message === '') return null;
  return (
    <p role="alert" className="form-alert">
      {message}
    </p>
  );
}

/** An owner picker: the connected user by default, or one of the server's ordinary roles. */
export function OwnerField({ roles, value, error, onChange }: { roles: (Role & { staged?: boolean })[] | undefined; value: string; error?: string | undefined; onChange: (owner: string) => void }) {
  return (
    <Field label="Owner" error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">The connected user (default)</option>
          {ordinaryRoles(roles).map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
              {r.staged === true ? ' (staged)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A picker of the databases one can connect to (templates and closed ones left out). */
export function DatabaseField({ databases, value, error, onChange }: { databases: (Database & { staged?: boolean })[] | undefined; value: string; error: string | undefined; onChange: (database: string) => void }) {
  return (
    <Field label="Database" error={error}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose a database…</option>
          {(databases ?? [])
            .filter((d) => !d.isTemplate && d.allowConnections)
            .map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
                {d.staged === true ? ' (staged)' : ''}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}
