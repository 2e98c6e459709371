import { useId } from 'react';
import type { Role } from '../../../shared/api/contract';

/** A labelled group of checkboxes, one per role, for picking several roles by keyboard or mouse. */
export function RoleChecklist({
  legend,
  roles,
  chosen,
  onChange,
  empty,
  error,
}: {
  legend: string;
  /** The roles to offer; `staged` ones exist only in the staged changes so far. */
  roles: readonly (Role & { staged?: boolean })[];
  chosen: readonly string[];
  onChange: (names: string[]) => void;
  empty: string;
  /** A problem with the choice, shown inside the group and tied to it for screen readers. */
  error?: string | undefined;
}) {
  const errorId = useId();
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...chosen, name] : chosen.filter((n) => n !== name));
  return (
    <fieldset className="role-checklist" aria-invalid={error !== undefined} aria-describedby={error !== undefined ? errorId : undefined}>
      <legend>{legend}</legend>
      {roles.length === 0 && <p className="muted">{empty}</p>}
      {roles.map((role) => (
        <label key={role.name} className="check-inline">
          <input type="checkbox" checked={chosen.includes(role.name)} onChange={(e) => toggle(role.name, e.target.checked)} />
          {role.name}
          <span className="muted">{` (${role.kind}${role.staged === true ? ', staged' : ''})`}</span>
        </label>
      ))}
      {error !== undefined && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** Roles a person would pick: not PostgreSQL's built-in pg_* roles. */
export function ordinaryRoles<R extends Role>(roles: readonly R[] | undefined): R[] {
  return (roles ?? []).filter((r) => !r.name.startsWith('pg_'));
}
