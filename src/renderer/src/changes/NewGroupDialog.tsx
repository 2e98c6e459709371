import { useState, type SyntheticEvent } from 'react';
import { roleNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { FormAlert, StageActions, useFocusFirstInvalid } from './formParts';
import { noProblems, type ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { ordinaryRoles, RoleChecklist } from './RoleChecklist';
import { useStagedChanges } from './StagedChanges';
import { useServerCheck } from './useServerCheck';
import { firstProblem } from './validation';

type ErrorField = 'name' | 'members';
/** Where the server's problems go: the CREATE ROLE's name, and each GRANT group TO member's member. */
const serverFields: ProblemFieldMap<ErrorField> = { 'createRole.name': 'name', 'addMember.member': 'members', 'addMember.group': 'name' };

/** Stages CREATE ROLE … NOLOGIN and one GRANT group TO member per chosen member. */
export function NewGroupDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<ErrorField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useServerCheck(serverFields);
  const { formRef, focusInvalid } = useFocusFirstInvalid();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const problem = firstProblem(roleNameSchema, name);
    setErrors(problem === undefined ? {} : { name: problem });
    if (problem !== undefined) return;
    const create: ChangeInput = {
      kind: 'createRole',
      name,
      login: false,
      password: { kind: 'none' },
      superuser: false,
      createDb: false,
      createRole: false,
      inherit: true,
    };
    const adds: ChangeInput[] = members.map((member) => ({ kind: 'addMember', group: name, member }));
    setBusy(true);
    try {
      const found = await check([create, ...adds]);
      if (!noProblems(found)) {
        setErrors(found.fields);
        focusInvalid();
        setFormError(found.other.join(' ') || null);
        return;
      }
      staged.add([create, ...adds]);
      onClose();
    } catch (err: unknown) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="New group" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <FormAlert message={formError} />
        <NameField
          value={name}
          error={errors.name}
          hint="A group is a role without LOGIN; its members inherit its privileges."
          onChange={(value) => {
            setName(value);
            setErrors((e) => ({ ...e, name: undefined }));
          }}
        />
        <RoleChecklist
          legend="Members"
          roles={ordinaryRoles(roles.data?.roles)}
          chosen={members}
          error={errors.members}
          onChange={(value) => {
            setMembers(value);
            setErrors((e) => ({ ...e, members: undefined }));
          }}
          empty="No roles to add yet."
        />
        <StageActions label="Stage group" onCancel={onClose} busy={busy} />
      </form>
    </Modal>
  );
}
