import { useState, type SyntheticEvent } from 'react';
import { schemaNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { DatabaseField, FormAlert, OwnerField, StageActions, useFocusFirstInvalid } from './formParts';
import { noProblems, type ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { useStagedChanges } from './StagedChanges';
import { useServerCheck } from './useServerCheck';
import { firstProblem } from './validation';

type ErrorField = 'database' | 'name' | 'owner';
/** Where the server's problems with CREATE SCHEMA go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { database: 'database', name: 'name', owner: 'owner' };

/** Stages CREATE SCHEMA in a chosen database, optionally AUTHORIZATION owner. */
export function NewSchemaDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const databases = useQuery('tree.databases', { connectionId });
  const roles = useQuery('roles.list', { connectionId });
  const [database, setDatabase] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ErrorField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();
  const clear = (field: ErrorField) => setErrors((e) => ({ ...e, [field]: undefined }));

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const found: Partial<Record<ErrorField, string>> = {};
    if (database === '') found.database = 'Choose a database.';
    const problem = firstProblem(schemaNameSchema, name);
    if (problem !== undefined) found.name = problem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const change: ChangeInput = { kind: 'createSchema', database, name, ...(owner !== '' ? { owner } : {}) };
    setBusy(true);
    try {
      const server = await check([change]);
      if (!noProblems(server)) {
        setErrors(server.fields);
        focusInvalid();
        setFormError(server.other.join(' ') || null);
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
    <Modal title="New schema" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <DatabaseField
          databases={databases.data?.databases}
          value={database}
          error={errors.database}
          onChange={(value) => {
            setDatabase(value);
            clear('database');
          }}
        />
        <NameField
          value={name}
          error={errors.name}
          onChange={(value) => {
            setName(value);
            clear('name');
          }}
        />
        <OwnerField
          roles={roles.data?.roles}
          value={owner}
          error={errors.owner}
          onChange={(value) => {
            setOwner(value);
            clear('owner');
          }}
        />
        <StageActions label="Stage schema" onCancel={onClose} busy={busy} />
      </form>
    </Modal>
  );
}
