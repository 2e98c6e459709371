import { useState, type SyntheticEvent } from 'react';
import { roleNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { NameField } from './NameField';
import { FormAlert, StageActions } from './formParts';
import type { ProblemFieldMap } from './formProblems';
import { Modal } from '../layout/Modal';
import { ordinaryRoles, RoleChecklist } from './RoleChecklist';
import { useProjectedLists } from './useProjectedLists';
import { useStageForm } from './useStageForm';
import { firstProblem } from './validation';

type ErrorField = 'name' | 'members';
/** Where the server's problems go: the CREATE ROLE's name, and each GRANT group TO member's member. */
const serverFields: ProblemFieldMap<ErrorField> = { 'createRole.name': 'name', 'addMember.member': 'members', 'addMember.group': 'name' };

/** Stages CREATE ROLE … NOLOGIN and one GRANT group TO member per chosen member. */
export function NewGroupDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  // why: members may be roles staged a moment ago (the projection of the staged changes).
  const { roles } = useProjectedLists(connectionId);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const form = useStageForm(serverFields, onClose);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problem = firstProblem(roleNameSchema, name);
    if (!form.validate(problem === undefined ? {} : { name: problem })) return;
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
    void form.stage([create, ...adds]);
  };

  return (
    <Modal title="New group" onClose={onClose}>
      <form ref={form.formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={form.busy}>
        <FormAlert message={form.formError} />
        <NameField
          value={name}
          error={form.errors.name}
          hint="A group is a role without LOGIN; its members inherit its privileges."
          onChange={form.clearing('name', setName)}
        />
        <RoleChecklist
          legend="Members"
          roles={ordinaryRoles(roles)}
          chosen={members}
          error={form.errors.members}
          onChange={form.clearing('members', setMembers)}
          empty="No roles to add yet."
        />
        <StageActions label="Stage group" onCancel={onClose} busy={form.busy} />
      </form>
    </Modal>
  );
}
