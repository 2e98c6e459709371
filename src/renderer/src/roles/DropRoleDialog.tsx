import { useEffect, useState, type SyntheticEvent } from 'react';
import type { Output } from '../../../shared/api/contract';
import { describeChange } from '../../../shared/changes/describe';
import { planRoleDrop, uncheckedWithDependencies } from '../../../shared/roles/footprint';
import { useCache } from '../api/ApiContext';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { FormAlert, StageActions } from '../changes/formParts';
import type { ProblemFieldMap } from '../changes/formProblems';
import { ordinaryRoles } from '../changes/RoleChecklist';
import { useStageForm } from '../changes/useStageForm';
import { Field } from '../connections/Field';
import { Modal } from '../layout/Modal';
import { FootprintView } from './FootprintView';
import type { SessionFacts } from './EditRoleDialog';

type Footprint = Output<'roles.footprint'>;

/** Where the server's problems with the drop go: the new owner field, or the form's alert. */
const serverFields: ProblemFieldMap<'newOwner'> = { newOwner: 'newOwner' };

/** Why a role may not be dropped from here, or null when it may. */
export function dropRefusal(role: string, session: SessionFacts | undefined): string | null {
  if (session === undefined) return null;
  if (role === session.bootstrapSuperuser) return `${role} is the bootstrap superuser made by initdb; PostgreSQL needs it and does not let it be dropped.`;
  if (role === session.currentUser) return `You are connected as ${role}; a role cannot drop itself. Connect as another role to drop it.`;
  return null;
}

/** Reads the role's footprint once, fresh each time the dialog opens (not from the cache). */
function useFootprint(connectionId: string, role: string): { data: Footprint | null; error: string | null } {
  const cache = useCache();
  const [state, setState] = useState<{ data: Footprint | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    cache.api
      .invoke('roles.footprint', { connectionId, role })
      .then((data) => live && setState({ data, error: null }))
      .catch((err: unknown) => live && setState({ data: null, error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [cache, connectionId, role]);
  return state;
}

/**
 * Shows what a role owns and holds in every database, lets the DBA pick who takes over its
 * objects, and stages REASSIGN OWNED + DROP OWNED in each database where it has something,
 * then DROP ROLE.
 */
export function DropRoleDialog({ connectionId, role, connectedDatabase, session, onClose }: {
  connectionId: string;
  role: string;
  connectedDatabase: string;
  session: SessionFacts | undefined;
  onClose: () => void;
}) {
  const roles = useQuery('roles.list', { connectionId });
  const footprint = useFootprint(connectionId, role);
  const [newOwner, setNewOwner] = useState(session?.currentUser ?? '');
  const form = useStageForm(serverFields, onClose);
  const refusal = dropRefusal(role, session);
  const owners = ordinaryRoles(roles.data?.roles).filter((r) => r.name !== role);
  const data = footprint.data;
  const plan = data === null || newOwner === '' ? [] : planRoleDrop(data, newOwner, connectedDatabase);
  const blocked = data === null ? [] : uncheckedWithDependencies(data);
  const unchecked = data === null ? [] : data.databases.filter((d) => d.check.status === 'not-checked');

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    // why: with a refusal there is no submit button, and without the footprint there is no plan.
    if (refusal !== null || data === null) return;
    if (!form.validate(newOwner === '' ? { newOwner: 'Choose who takes over what this role owns.' } : {})) return;
    void form.stage(plan);
  };

  return (
    <Modal title={`Drop role ${role}`} onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={refusal ?? form.formError ?? footprint.error} />
        {refusal === null && data === null && footprint.error === null && (
          <p className="muted" role="status">
            Looking into every database…
          </p>
        )}
        {refusal === null && data !== null && (
          <>
            <FootprintView footprint={data} />
            {blocked.length > 0 && (
              <p className="note-warning" role="note">
                DROP ROLE will probably fail: the server records objects or privileges of {role} in{' '}
                {blocked.map((d) => d.database).join(', ')}, which Warden could not open. Clean them up there first (REASSIGN OWNED and DROP
                OWNED, connected to that database).
              </p>
            )}
            {blocked.length === 0 && unchecked.length > 0 && (
              // why: DROP ROLE checks exactly pg_shdepend (owners, ACLs, policies), which is
              // readable from any database; when it records nothing there, nothing blocks the drop.
              <p className="field-hint" role="note">
                Warden could not open {unchecked.map((d) => d.database).join(', ')}, but the server's shared dependency records show
                nothing of {role} there, so {unchecked.length === 1 ? 'it does' : 'they do'} not block the drop.
              </p>
            )}
            <Field label="New owner of its objects" error={form.errors.newOwner} hint="REASSIGN OWNED gives this role everything the dropped one owns.">
              {(a) => (
                <select
                  {...a}
                  value={newOwner}
                  onChange={(e) => {
                    setNewOwner(e.target.value);
                    form.clearError('newOwner');
                  }}
                >
                  {newOwner === '' && <option value="">Choose a role…</option>}
                  {owners.map((r) => (
                    <option key={r.name} value={r.name}>
                      {r.name}
                      {r.name === session?.currentUser ? ' (you)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <section aria-label="Changes to stage">
              <p className="footprint-label">Stages, in this order:</p>
              <ol className="footprint-plan">
                {plan.map((c, i) => (
                  <li key={i}>{describeChange(c)}</li>
                ))}
              </ol>
            </section>
          </>
        )}
        {refusal === null ? (
          <StageActions label="Stage drop" onCancel={onClose} busy={form.busy || data === null} />
        ) : (
          <div className="form-actions">
            <span className="spacer" />
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
