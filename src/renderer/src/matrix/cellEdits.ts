import type { Privilege } from '../../../shared/changes/privileges';
import type { ChangeInput } from '../../../shared/changes/schema';
import type { CellExplanation, CellReason } from '../../../shared/privileges/explain';
import { reasonsFor } from '../../../shared/privileges/explain';
import type { StagedChange } from '../changes/StagedChanges';
import type { RelationItem, RoleItem } from './matrixAxes';

/** A change offered as one button, with its plain-words label. */
export interface OfferedFix {
  label: string;
  change: ChangeInput;
}

/** Key of a (role, relation) pair for the staged marker. */
export const stagedKey = (role: string, schema: string, table: string) => `${role}\u0000${schema}\u0000${table}`;

/** Every (role, relation) with a staged grant or revoke (table or column) to that role on that database. */
export function stagedCells(items: readonly StagedChange[], database: string): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const { change } of items) {
    if ((change.kind === 'grantTable' || change.kind === 'revokeTable') && change.database === database && change.grantee.kind === 'role') {
      keys.add(stagedKey(change.grantee.name, change.schema, change.table));
    }
  }
  return keys;
}

/**
 * GRANT or REVOKE one privilege on a relation to a role or PUBLIC. `grantOption` makes a grant
 * WITH GRANT OPTION, and a revoke GRANT OPTION FOR (the option only, the privilege stays).
 */
export function tableChange(
  kind: 'grantTable' | 'revokeTable',
  database: string,
  rel: RelationItem,
  privilege: string,
  grantee: string | null,
  grantOption = false,
): ChangeInput {
  return relationChange(kind, database, rel, [privilege], grantee, grantOption);
}

/** GRANT or REVOKE privileges on some columns of a relation (the form's column privileges). */
export function columnChange(
  kind: 'grantTable' | 'revokeTable',
  database: string,
  rel: RelationItem,
  privileges: readonly string[],
  columns: readonly string[],
  grantee: string,
  grantOption: boolean,
): ChangeInput {
  return relationChange(kind, database, rel, privileges, grantee, grantOption, columns);
}

function relationChange(
  kind: 'grantTable' | 'revokeTable',
  database: string,
  rel: RelationItem,
  privileges: readonly string[],
  grantee: string | null,
  grantOption: boolean,
  columns?: readonly string[],
): ChangeInput {
  const base = {
    database,
    schema: rel.schema,
    table: rel.name,
    objectKind: rel.kind === 'S' ? ('sequence' as const) : ('table' as const),
    privileges: privileges.map((p) => p as Privilege),
    grantee: grantee === null ? ({ kind: 'public' } as const) : ({ kind: 'role', name: grantee } as const),
    ...(columns === undefined ? {} : { columns: [...columns] }),
  };
  return kind === 'grantTable'
    ? { kind, ...base, withGrantOption: grantOption }
    : { kind, ...base, grantOptionFor: grantOption, cascade: false };
}

/** The changes the toggles of one privilege offer; staging one unstages the others (`all`). */
export interface PrivilegeToggleSet {
  /** Grant it when not held; revoke it when held. */
  main: ChangeInput;
  /** Grant it WITH GRANT OPTION, or revoke only the option when the role holds it through its own grant. */
  option: { change: ChangeInput; label: string; text: string } | null;
  /** Why there is no option toggle although the role may grant it through a group, or null. */
  optionNote: string | null;
  /** Every change of this privilege's toggles and of its revoke fixes on the role itself. */
  all: ChangeInput[];
}

/** The grant / revoke / grant-option changes for one privilege of a cell. */
export function privilegeToggles(e: CellExplanation, bit: number, privilege: string, role: RoleItem, database: string, rel: RelationItem): PrivilegeToggleSet {
  const held = (e.privileges & bit) !== 0;
  const grantable = (e.grantable & bit) !== 0;
  const main = tableChange(held ? 'revokeTable' : 'grantTable', database, rel, privilege, role.name);
  let option: PrivilegeToggleSet['option'] = null;
  let optionNote: string | null = null;
  if (!grantable) {
    option = {
      change: tableChange('grantTable', database, rel, privilege, role.name, true),
      label: `Grant ${privilege} with grant option`,
      text: '+ grant option',
    };
  } else if (!e.superuser && reasonsFor(e, bit, true).some((r) => r.source === 'direct')) {
    option = {
      change: tableChange('revokeTable', database, rel, privilege, role.name, true),
      label: `Revoke grant option for ${privilege}`,
      text: '− grant option',
    };
  } else if (!e.superuser && !reasonsFor(e, bit, true).some((r) => r.source === 'owner')) {
    // why: an owner's grant options are implicit (the why list says so); a group's are the group's to lose.
    optionNote = 'may grant it through a group';
  }
  const all = [
    tableChange('grantTable', database, rel, privilege, role.name),
    tableChange('grantTable', database, rel, privilege, role.name, true),
    tableChange('revokeTable', database, rel, privilege, role.name),
    tableChange('revokeTable', database, rel, privilege, role.name, true),
  ];
  return { main, option, optionNote, all };
}

/** True when the role itself holds the privilege through an ACL entry naming it. */
export function holdsDirectly(e: CellExplanation, bit: number): boolean {
  return reasonsFor(e, bit).some((r) => r.source === 'direct');
}

function fixesOf(r: CellReason, role: RoleItem, database: string, rel: RelationItem, privilege: string): OfferedFix[] {
  const holder = r.pathNames[r.pathNames.length - 1] ?? role.name;
  const firstGroup = r.pathNames[1];
  const leave: OfferedFix[] =
    firstGroup === undefined
      ? []
      : [{ label: `Remove ${role.name} from ${firstGroup}`, change: { kind: 'removeMember', group: firstGroup, member: role.name } }];
  switch (r.source) {
    case 'superuser':
      return [{ label: `Take SUPERUSER away from ${role.name}`, change: { kind: 'alterRole', name: role.name, superuser: false } }];
    case 'direct':
      return [{ label: `Revoke ${privilege} from ${role.name}`, change: tableChange('revokeTable', database, rel, privilege, role.name) }];
    case 'group':
      return [
        ...leave,
        {
          label: `Revoke ${privilege} from ${holder} (affects all its members)`,
          change: tableChange('revokeTable', database, rel, privilege, holder),
        },
      ];
    case 'public':
      return [
        { label: `Revoke ${privilege} from PUBLIC (affects every role)`, change: tableChange('revokeTable', database, rel, privilege, null) },
      ];
    case 'owner':
      return [
        ...leave,
        {
          label: `Revoke ${privilege} from the owner ${holder}`,
          change: tableChange('revokeTable', database, rel, privilege, holder),
        },
      ];
    case 'predefined':
      return leave;
  }
}

/** Why a superuser keeps everything, in plain words. */
export const superuserWords = (role: RoleItem) =>
  `${role.name} is a superuser: it has every privilege whatever is granted or revoked.`;

/** Where a privilege comes from, in plain words, for the revoke explanation. */
export function sourceWords(r: CellReason, role: RoleItem): string {
  const holder = r.pathNames[r.pathNames.length - 1] ?? role.name;
  switch (r.source) {
    case 'superuser':
      return superuserWords(role);
    case 'direct':
      return `${role.name} holds it through its own grant.`;
    case 'group':
      return `${role.name} gets it from group ${holder} (${r.pathNames.join(' → ')}); revoking it from ${role.name} would change nothing.`;
    case 'public':
      return `It is granted to PUBLIC, so every role has it; revoking it from ${role.name} alone would change nothing.`;
    case 'owner':
      return `${holder} owns this relation: owners keep their rights until they are revoked from the owner itself or ownership changes.`;
    case 'predefined':
      return `${role.name} gets it from the predefined role ${r.predefinedRole ?? '?'}; only leaving that role takes it away.`;
  }
}

/** Every real fix for a privilege, deduplicated by label. */
export function revokeFixes(e: CellExplanation, bit: number, role: RoleItem, database: string, rel: RelationItem, privilege: string): OfferedFix[] {
  const seen = new Map<string, OfferedFix>();
  if (e.superuser) {
    const label = `Take SUPERUSER away from ${role.name}`;
    seen.set(label, { label, change: { kind: 'alterRole', name: role.name, superuser: false } });
  }
  for (const r of reasonsFor(e, bit)) for (const f of fixesOf(r, role, database, rel, privilege)) if (!seen.has(f.label)) seen.set(f.label, f);
  return [...seen.values()];
}

/** The staged column grants and revokes for one role on one relation. */
export function stagedColumnChanges(items: readonly StagedChange[], database: string, rel: RelationItem, roleName: string): StagedChange[] {
  return items.filter(({ change }) => {
    if (change.kind !== 'grantTable' && change.kind !== 'revokeTable') return false;
    return (
      change.columns !== undefined &&
      change.database === database &&
      change.schema === rel.schema &&
      change.table === rel.name &&
      change.grantee.kind === 'role' &&
      change.grantee.name === roleName
    );
  });
}

/** Why the connected role may not grant or revoke a privilege here, or null when it may. */
export function refusedWords(actorGrantable: number | null, bit: number, actor: string | null, privilege: string, relation: string): string | null {
  if (actorGrantable === null || (actorGrantable & bit) !== 0) return null;
  return `${actor === null ? 'The connected role' : `"${actor}"`} cannot grant or revoke ${privilege} on ${relation}: it does not own it and does not hold ${privilege} WITH GRANT OPTION.`;
}
