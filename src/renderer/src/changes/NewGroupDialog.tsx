import { useState, type SyntheticEvent } from 'react';
import { roleNameSchema, type ChangeInput } from '../../../shared/changes/schema';
import { useQuery } from '../api/useQuery';
import { NameField } from './NameField';
import { StageActions } from './formParts';
import { Modal } from '../layout/Modal';
import { ordinaryRoles, RoleChecklist } from './RoleChecklist';
import { useStagedChanges } from './StagedChanges';
import { firstProblem } from './validation';

/** Stages CREATE ROLE … NOLOGIN and one GRANT group TO member per chosen member. */
export function NewGroupDialog({ connectionId, onClose }: { connectionId: string; onClose: () => void }) {
  const staged = useStagedChanges();
  const roles = useQuery('roles.list', { connectionId });
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problem = firstProblem(roleNameSchema, name);
    setError(problem);
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
    staged.add([create, ...adds]);
    onClose();
  };

  return (
    <Modal title="New group" onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <NameField
          value={name}
          error={error} hint="A group is a role without LOGIN; its members inherit its privileges."
          onChange={(value) => {
            setName(value);
            setError(undefined);
          }}
        />
        <RoleChecklist legend="Members" roles={ordinaryRoles(roles.data?.roles)} chosen={members} onChange={setMembers} empty="No roles to add yet." />
        <StageActions label="Stage group" onCancel={onClose} />
      </form>
    </Modal>
  );
}
