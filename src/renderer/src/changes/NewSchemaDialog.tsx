import { useState, type SyntheticEvent } from 'react';
import { schemaNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { Field } from '../connections/Field';
import { NameField } from './NameField';
import { Modal } from '../layout/Modal';
import { describeChange } from './describeChange';
import { ordinaryRoles } from './RoleChecklist';
import { useStagedChanges } from './StagedChanges';
import { firstProblem } from './validation';

/** Stages CREATE SCHEMA in a chosen database, optionally AUTHORIZATION owner. */
export function NewSchemaDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const databases = useQuery('tree.databases', { connectionId });
  const roles = useQuery('roles.list', { connectionId });
  const [database, setDatabase] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [databaseError, setDatabaseError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const noDatabase = database === '' ? 'Choose a database.' : undefined;
    const problem = firstProblem(schemaNameSchema, name);
    setDatabaseError(noDatabase);
    setError(problem);
    if (problem !== undefined || noDatabase !== undefined) return;
    const change: ChangeInput = { kind: 'createSchema', database, name, ...(owner !== '' ? { owner } : {}) };
    staged.add([{ change, label: `${describeChange(change)}${owner !== '' ? ` owned by ${owner}` : ''}` }]);
    onClose();
  };

  return (
    <Modal title="New schema" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label="Database" error={databaseError}>
          {(a) => (
            <select
              {...a}
              value={database}
              onChange={(e) => {
                setDatabase(e.target.value);
                setDatabaseError(undefined);
              }}
            >
              <option value="">Choose a database…</option>
              {(databases.data?.databases ?? [])
                .filter((d) => !d.isTemplate && d.allowConnections)
                .map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
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
        <div className="form-actions">
          <span className="spacer" />
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Stage schema
          </button>
        </div>
      </form>
    </Modal>
  );
}
