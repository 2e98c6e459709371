import { useState, type SyntheticEvent } from 'react';
import { schemaNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { DatabaseField, OwnerField, StageActions } from './formParts';
import { Modal } from '../layout/Modal';
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
    staged.add([change]);
    onClose();
  };

  return (
    <Modal title="New schema" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <DatabaseField
          databases={databases.data?.databases}
          value={database}
          error={databaseError}
          onChange={(value) => {
            setDatabase(value);
            setDatabaseError(undefined);
          }}
        />
        <NameField
          value={name}
          error={error}
          onChange={(value) => {
            setName(value);
            setError(undefined);
          }}
        />
        <OwnerField roles={roles.data?.roles} value={owner} onChange={setOwner} />
        <StageActions label="Stage schema" onCancel={onClose} />
      </form>
    </Modal>
  );
}
