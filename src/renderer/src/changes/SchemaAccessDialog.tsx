import { useState, type SyntheticEvent } from 'react';
import { accessTemplate, schemaTableOwners, type AccessLevel } from '../../../shared/changes/templates';
import { useQuery } from '../api/useQuery';
import { Field } from '../connections/Field';
import { DatabaseField, FormAlert, StageActions } from './formParts';
import type { ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { ordinaryRoles } from './RoleChecklist';
import { useProjectedLists, useProjectedSchemas } from './useProjectedLists';
import { useStageForm } from './useStageForm';

const levelWords: Record<AccessLevel, { label: string; tables: string; sequences: string }> = {
  readonly: { label: 'Read-only', tables: 'SELECT', sequences: '' },
  readwrite: { label: 'Read-write', tables: 'SELECT, INSERT, UPDATE and DELETE', sequences: ' and USAGE, SELECT on its sequences' },
};

type ErrorField = 'database' | 'schema' | 'group';
/** Where the server's problems with the template's grants go in this form. */
const serverFields: ProblemFieldMap<ErrorField> = { database: 'database', schema: 'schema', inSchema: 'schema', grantee: 'group' };

/** Stages the grants that give a group read-only or read-write access to a schema, now and for future tables. */
export function SchemaAccessDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const [database, setDatabase] = useState('');
  const [schema, setSchema] = useState('');
  const [group, setGroup] = useState('');
  const [level, setLevel] = useState<AccessLevel>('readonly');
  const form = useStageForm(serverFields, onClose);
  // why: databases, schemas and groups staged a moment ago can be picked (the projection).
  const projected = useProjectedLists(connectionId);
  const stagedDatabase = projected.databases?.find((d) => d.name === database)?.staged === true;
  const schemas = useProjectedSchemas(connectionId, database, stagedDatabase);
  const chosen = schemas?.find((s) => s.name === schema);
  // why: a staged schema has no tables yet, and the server has no such schema to ask about.
  const relations = useQuery('tree.relations', database !== '' && schema !== '' && chosen !== undefined && !chosen.staged ? { connectionId, database, schema } : null);

  const groups = ordinaryRoles(projected.roles).filter((r) => r.kind === 'group');
  const schemaOwner = chosen?.owner;
  const owners = schemaTableOwners(schemaOwner, (relations.data?.relations ?? []).map((r) => r.owner));
  const ready = database !== '' && schema !== '' && group !== '';
  const words = levelWords[level];

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!form.validate(ready ? {} : 'Choose a database, a schema and a group.')) return;
    void form.stage(accessTemplate({ level, group, database, schema, tableOwners: owners }));
  };

  return (
    <Modal title="Schema access" onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <DatabaseField
          databases={projected.databases}
          value={database}
          error={form.errors.database}
          onChange={(value) => {
            setDatabase(value);
            setSchema('');
            form.clearErrors();
          }}
        />
        <Field label="Schema" error={form.errors.schema}>
          {(a) => (
            <select {...a} value={schema} disabled={database === ''} onChange={(e) => setSchema(e.target.value)}>
              <option value="">Choose a schema…</option>
              {(schemas ?? []).map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                  {s.staged ? ' (staged)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Group" error={form.errors.group} hint={groups.length === 0 && projected.roles !== undefined ? 'No groups yet: create one with “New group”.' : undefined}>
          {(a) => (
            <select {...a} value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">Choose a group…</option>
              {groups.map((r) => (
                <option key={r.name} value={r.name}>
                  {r.name}
                  {r.staged ? ' (staged)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="access-level">
          <legend>Level</legend>
          {(['readonly', 'readwrite'] as const).map((value) => (
            <label key={value} className="check-inline">
              <input type="radio" name="access-level" value={value} checked={level === value} onChange={() => setLevel(value)} />
              {levelWords[value].label}
            </label>
          ))}
        </fieldset>
        <p className="access-summary" role="note">
          {ready
            ? `${group} gets USAGE on schema ${schema}, ${words.tables} on its tables${words.sequences}, and the same on tables ${
                owners.length > 0 ? `${owners.join(', ')} create${owners.length === 1 ? 's' : ''} there later` : 'created later only if you name their owners'
              }.`
            : 'Choose a database, a schema and a group to see what will be granted.'}
        </p>
        <FormAlert message={form.formError} />
        <StageActions label="Stage access" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
