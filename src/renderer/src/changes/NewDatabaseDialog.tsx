import { useState, type SyntheticEvent } from 'react';
import { databaseNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { FormAlert, OwnerField, StageActions, useFocusFirstInvalid } from './formParts';
import { noProblems, type ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { useStagedChanges } from './StagedChanges';
import { useServerCheck } from './useServerCheck';
import { firstProblem } from './validation';

type ErrorField = 'name' | 'owner';
/** Where the server's problems with CREATE DATABASE go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { name: 'name', owner: 'owner' };

/** Stages CREATE DATABASE, by default closed to PUBLIC (REVOKE CONNECT, TEMPORARY). */
export function NewDatabaseDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [revoke, setRevoke] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<ErrorField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const problem = firstProblem(databaseNameSchema, name);
    setErrors(problem === undefined ? {} : { name: problem });
    if (problem !== undefined) return;
    const change: ChangeInput = {
      kind: 'createDatabase',
      name,
      ...(owner !== '' ? { owner } : {}),
      revokePublicConnect: revoke,
    };
    setBusy(true);
    try {
      const found = await check([change]);
      if (!noProblems(found)) {
        setErrors(found.fields);
        focusInvalid();
        setFormError(found.other.join(' ') || null);
        return;
      }
      staged.add([change]);
      onClose();
    } catch (err: unknown) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="New database" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <NameField
          value={name}
          error={errors.name}
          onChange={(value) => {
            setName(value);
            setErrors((e) => ({ ...e, name: undefined }));
          }}
        />
        <OwnerField
          roles={roles.data?.roles}
          value={owner}
          error={errors.owner}
          onChange={(value) => {
            setOwner(value);
            setErrors((e) => ({ ...e, owner: undefined }));
          }}
        />
        <label className="check-inline">
          <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} />
          Revoke CONNECT and TEMPORARY from PUBLIC
        </label>
        {!revoke && (
          <p className="note-warning" role="note">
            PostgreSQL lets every role connect to a new database and create temporary tables in it unless this is revoked.
          </p>
        )}
        <StageActions label="Stage database" onCancel={onClose} busy={busy} />
      </form>
    </Modal>
  );
}
