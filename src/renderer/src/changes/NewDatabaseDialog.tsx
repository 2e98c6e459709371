import { useState, type SyntheticEvent } from 'react';
import { databaseNameSchema } from '../../../shared/changes/schema';
import { NameField } from './NameField';
import { FormAlert, OwnerField, StageActions } from './formParts';
import type { ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { useProjectedLists } from './useProjectedLists';
import { useStageForm } from './useStageForm';
import { firstProblem } from './validation';

type ErrorField = 'name' | 'owner';
/** Where the server's problems with CREATE DATABASE go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { name: 'name', owner: 'owner' };

/** Stages CREATE DATABASE, by default closed to PUBLIC (REVOKE CONNECT, TEMPORARY). */
export function NewDatabaseDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  // why: the owner may be a role staged a moment ago (the projection of the staged changes).
  const { roles } = useProjectedLists(connectionId);
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [revoke, setRevoke] = useState(true);
  const form = useStageForm(serverFields, onClose);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problem = firstProblem(databaseNameSchema, name);
    if (!form.validate(problem === undefined ? {} : { name: problem })) return;
    void form.stage([{ kind: 'createDatabase', name, ...(owner !== '' ? { owner } : {}), revokePublicConnect: revoke }]);
  };

  return (
    <Modal title="New database" onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        <NameField value={name} error={form.errors.name} onChange={form.clearing('name', setName)} />
        <OwnerField roles={roles} value={owner} error={form.errors.owner} onChange={form.clearing('owner', setOwner)} />
        <label className="check-inline">
          <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} />
          Revoke CONNECT and TEMPORARY from PUBLIC
        </label>
        {!revoke && (
          <p className="note-warning" role="note">
            PostgreSQL lets every role connect to a new database and create temporary tables in it unless this is revoked.
          </p>
        )}
        <StageActions label="Stage database" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
