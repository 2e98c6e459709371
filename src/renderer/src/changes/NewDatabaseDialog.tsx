import { useState, type SyntheticEvent } from 'react';
import { databaseNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { OwnerField, StageActions } from './formParts';
import { Modal } from '../layout/Modal';
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
    staged.add([change]);
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
        <OwnerField roles={roles.data?.roles} value={owner} onChange={setOwner} />
        <label className="check-inline">
          <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} />
          Revoke CONNECT and TEMPORARY from PUBLIC
        </label>
        {!revoke && (
          <p className="note-warning" role="note">
            PostgreSQL lets every role connect to a new database and create temporary tables in it unless this is revoked.
          </p>
        )}
        <StageActions label="Stage database" onCancel={onClose} />
      </form>
    </Modal>
  );
}
