import { useState, type SyntheticEvent } from 'react';
import { schemaNameSchema } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { DatabaseField, FormAlert, OwnerField, StageActions } from './formParts';
import type { ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { useStageForm } from './useStageForm';
import { firstProblem } from './validation';

type ErrorField = 'database' | 'name' | 'owner';
/** Where the server's problems with CREATE SCHEMA go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { database: 'database', name: 'name', owner: 'owner' };

/** Stages CREATE SCHEMA in a chosen database, optionally AUTHORIZATION owner. */
export function NewSchemaDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const databases = useQuery('tree.databases', { connectionId });
  const roles = useQuery('roles.list', { connectionId });
  const [database, setDatabase] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const form = useStageForm(serverFields, onClose);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Partial<Record<ErrorField, string>> = {};
    if (database === '') found.database = 'Choose a database.';
    const problem = firstProblem(schemaNameSchema, name);
    if (problem !== undefined) found.name = problem;
    if (!form.validate(found)) return;
    void form.stage([{ kind: 'createSchema', database, name, ...(owner !== '' ? { owner } : {}) }]);
  };

  return (
    <Modal title="New schema" onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        <DatabaseField databases={databases.data?.databases} value={database} error={form.errors.database} onChange={form.clearing('database', setDatabase)} />
        <NameField value={name} error={form.errors.name} onChange={form.clearing('name', setName)} />
        <OwnerField roles={roles.data?.roles} value={owner} error={form.errors.owner} onChange={form.clearing('owner', setOwner)} />
        <StageActions label="Stage schema" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
