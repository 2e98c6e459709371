import type { CellExplanation, CellReason } from '../../../shared/privileges/explain';
import { reasonsFor } from '../../../shared/privileges/explain';
import { spokenNames, spokenOrder } from './cellText';

/** One privilege of a cell and every path that gives it, in plain words. */
export interface PrivilegeWhy {
  /** SQL name, e.g. SELECT. */
  privilege: string;
  /** Each way the role holds it. */
  reasons: string[];
  /** Each way the role may grant it to others (empty when it may not). */
  grantReasons: string[];
}

const chain = (names: readonly string[]) => names.join(' → ');

/** One reason in plain words, e.g. "data_viewer → readonly: granted by datatweets". */
export function reasonWords(r: CellReason): string {
  const by = r.grantorName === null ? '' : `: granted by ${r.grantorName}`;
  const byDefault = r.fromAcldefault ? ' (the default ACL: the table has never been granted on)' : '';
  switch (r.source) {
    case 'superuser':
      return 'superuser: bypasses every check';
    case 'direct':
      return `${r.granteeIsOwner ? 'owner’s own grant' : 'direct grant'} to ${r.pathNames[0] ?? '?'}${by}${byDefault}`;
    case 'group':
      return `via group ${chain(r.pathNames)}${r.granteeIsOwner ? ' (the owner)' : ''}${by}${byDefault}`;
    case 'public':
      return `PUBLIC (every role)${by}`;
    case 'owner':
      return r.pathNames.length > 1 ? `owner, via ${chain(r.pathNames)}` : 'owner';
    case 'predefined':
      return `via ${r.predefinedRole ?? '?'}${r.pathNames.length > 1 ? ` (${chain(r.pathNames)})` : ''}`;
  }
}

/**
 * Every privilege the cell has (or may grant), each with its reasons, in spoken order.
 * For a superuser only the grants it also holds are listed (the panel says once that it
 * bypasses every check), so the meaningless grants stand out.
 */
export function explainWords(e: CellExplanation): PrivilegeWhy[] {
  const words = (reasons: CellReason[]) => reasons.filter((r) => r.source !== 'superuser').map(reasonWords);
  return spokenOrder
    .filter((bit) => ((e.privileges | e.grantable) & bit) !== 0)
    .map((bit) => ({
      privilege: spokenNames(bit)[0] ?? '?',
      reasons: words(reasonsFor(e, bit)),
      grantReasons: e.superuser || (e.grantable & bit) === 0 ? [] : words(reasonsFor(e, bit, true)),
    }))
    .filter((line) => line.reasons.length > 0 || line.grantReasons.length > 0);
}

/** Notes that hold for the whole cell (refused on system catalogs, dropped grantees). */
export function cellNotes(e: CellExplanation): string[] {
  const notes: string[] = [];
  if (e.denied !== 0) notes.push(`Refused to everyone but superusers on a system catalog: ${spokenNames(e.denied).join(' ')}.`);
  if (e.unknownGrantees.length > 0) {
    notes.push(`The ACL also names roles that no longer exist: ${e.unknownGrantees.join(', ')}.`);
  }
  return notes;
}
