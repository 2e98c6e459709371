import { useState, type SyntheticEvent } from 'react';
import { databaseNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { Field } from '../connections/Field';
import { NameField } from './NameField';
import { Modal } from '../layout/Modal';
import { describeChange } from './describeChange';
import { ordinaryRoles } from './RoleChecklist';
import { useStagedChanges } from './StagedChanges';
import { firstProblem } from './validation';

/** Stages CREATE DATABASE, by default closed to PUBLIC (REVOKE CONNECT, TEMPORARY). */
export function NewDatabaseDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [revoke, setRevoke] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problem = firstProblem(databaseNameSchema, name);
    setError(problem);
    if (problem !== undefined) return;
    const change: ChangeInput = {
      kind: 'createDatabase',
      name,
      ...(owner !== '' ? { owner } : {}),
      revokePublicConnect: revoke,
    };
    staged.add([{ change, label: describeChange(change) }]);
    onClose();
  };

  return (
    <Modal title="New database" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <NameField
          value={name}
          error={error}
          onChange={(value) => {
            setName(value);
            setError(undefined);
          }}
        />
        <Field label="Owner">
          {(a) => (
            <select {...a} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value="">The connected user (default)</option>
              {ordinaryRoles(roles.data?.roles).map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check-inline">
          <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} />
          Revoke CONNECT and TEMPORARY from PUBLIC
        </label>
        {!revoke && (
          <p className="note-warning" role="note">
            PostgreSQL lets every role connect to a new database and create temporary tables in it unless this is revoked.
          </p>
        )}
        <div className="form-actions">
          <span className="spacer" />
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Stage database
          </button>
        </div>
      </form>
    </Modal>
  );
}
