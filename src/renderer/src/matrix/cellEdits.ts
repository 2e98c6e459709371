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

/** Every (role, relation) with a staged grant or revoke to that role on that database. */
export function stagedCells(items: readonly StagedChange[], database: string): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const { change } of items) {
    if ((change.kind === 'grantTable' || change.kind === 'revokeTable') && change.database === database && change.grantee.kind === 'role') {
      keys.add(stagedKey(change.grantee.name, change.schema, change.table));
    }
  }
  return keys;
}

/** GRANT or REVOKE one privilege on a relation to a role or PUBLIC. */
export function tableChange(
  kind: 'grantTable' | 'revokeTable',
  database: string,
  rel: RelationItem,
  privilege: string,
  grantee: string | null,
): ChangeInput {
  const base = {
    database,
    schema: rel.schema,
    table: rel.name,
    objectKind: rel.kind === 'S' ? ('sequence' as const) : ('table' as const),
    privileges: [privilege as Privilege],
    grantee: grantee === null ? ({ kind: 'public' } as const) : ({ kind: 'role', name: grantee } as const),
  };
  return kind === 'grantTable'
    ? { kind, ...base, withGrantOption: false }
    : { kind, ...base, grantOptionFor: false, cascade: false };
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
