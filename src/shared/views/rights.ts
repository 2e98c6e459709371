import { relationKindNames, type RelationKind } from '../catalog/snapshot';
import { namesOf, type PrivilegeName } from '../privileges/bits';
import type { CellExplanation, CellReason } from '../privileges/explain';
import { heldViaOrder, spokenOrder, type HeldVia } from '../privileges/heldVia';
import { CONNECT, CREATE, TEMPORARY } from '../privileges/bits';

/** Where one right comes from: the matrix's provenance of one reason, with names. */
export interface RightSource {
  /** superuser, owner (own grant or implicit grant options), direct, group, predefined, PUBLIC. */
  via: HeldVia;
  /** The role holding the grant when it is not the role itself (a group, the owner, a predefined role); null otherwise. */
  holder: string | null;
  /** Role names from the role itself to the holder (shortest inheritance path); [] for PUBLIC and superuser. */
  path: readonly string[];
  /** Grantor of the ACL entry as the ACL prints it; null when not an ACL entry. */
  grantor: string | null;
}

/** One privilege a role holds on one object, and every way it holds it. */
export interface HeldRight {
  privilege: PrivilegeName;
  /** Held WITH GRANT OPTION (has_…_privilege(…, 'X WITH GRANT OPTION')). */
  grantable: boolean;
  /** Each source that gives the privilege. */
  via: readonly RightSource[];
  /** Each source that gives its grant option (empty when not grantable). */
  grantVia: readonly RightSource[];
}

/** What kind of object a row of a view is about. */
export type ViewObjectType = 'database' | 'schema' | 'table' | 'view' | 'materialized view' | 'sequence' | 'foreign table' | 'partitioned table';

/** Relation kinds as view object types. */
export const relationObjectType: Record<RelationKind, ViewObjectType> = relationKindNames;

/** Privileges in the order people say them, database ones last (CONNECT, TEMPORARY, CREATE). */
const rightsOrder = [...spokenOrder, CONNECT, TEMPORARY, CREATE] as const;

function sourceOf(r: CellReason): RightSource {
  const holder = r.path.length > 1 ? (r.pathNames[r.pathNames.length - 1] ?? null) : r.source === 'predefined' ? r.predefinedRole : null;
  // why: the owner's own ACL entry and its implicit grant options are both "as owner" (heldVia).
  const via: HeldVia = r.source === 'direct' && r.granteeIsOwner ? 'owner' : r.source === 'group' && r.granteeIsOwner ? 'owner' : r.source;
  return { via, holder, path: r.pathNames, grantor: r.grantorName };
}

const superuserSource: RightSource = { via: 'superuser', holder: null, path: [], grantor: null };

/**
 * An explanation (explainObject) as the rights it gives, each with its sources. A
 * superuser's rights come from being superuser only (its grants change nothing), as the
 * matrix's "via" says.
 */
export function heldRights(e: CellExplanation): HeldRight[] {
  const out: HeldRight[] = [];
  for (const bit of rightsOrder) {
    if ((e.privileges & bit) === 0) continue;
    const privilege = namesOf(bit)[0];
    if (privilege === undefined) continue;
    const grantable = (e.grantable & bit) !== 0;
    if (e.superuser) {
      out.push({ privilege, grantable, via: [superuserSource], grantVia: [superuserSource] });
      continue;
    }
    out.push({
      privilege,
      grantable,
      via: dedupe(e.reasons.filter((r) => (r.privileges & bit) !== 0).map(sourceOf)),
      grantVia: grantable ? dedupe(e.reasons.filter((r) => (r.grantable & bit) !== 0).map(sourceOf)) : [],
    });
  }
  return out;
}

/** A superuser's rights on an object with these privileges: every one, grantable, as superuser. */
export function superuserRights(privileges: number): HeldRight[] {
  return heldRights({ roleOid: 0, relationOid: 0, relevant: privileges, privileges, grantable: privileges, superuser: true, denied: 0, reasons: [], unknownGrantees: [] });
}

/**
 * Sources most personal first (heldViaOrder: owner, direct, group, predefined, PUBLIC), each
 * once (the same group can carry two entries from two grantors).
 */
function dedupe(sources: RightSource[]): RightSource[] {
  const seen = new Set<string>();
  const rank = (s: RightSource) => heldViaOrder.indexOf(s.via);
  return [...sources].sort((a, b) => rank(a) - rank(b)).filter((s) => {
    const key = sourceWords(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const chain = (path: readonly string[]) => path.join(' → ');

/** One source in words, e.g. "group readonly (report_bot → analysts → readonly)". */
export function sourceWords(s: RightSource): string {
  const through = s.path.length > 2 ? ` (${chain(s.path)})` : '';
  switch (s.via) {
    case 'superuser':
      return 'superuser';
    case 'owner':
      return s.holder === null ? 'owner' : `owner ${s.holder}${s.path.length > 1 ? ` (${chain(s.path)})` : ''}`;
    case 'direct':
      return 'direct grant';
    case 'group':
      return `group ${s.holder ?? '?'}${through}`;
    case 'predefined':
      return `${s.holder ?? 'predefined role'}${s.path.length > 1 ? ` (${chain(s.path)})` : ''}`;
    case 'public':
      return 'PUBLIC';
  }
}

/** A right's sources in words, `; `-separated. */
export function viaWords(sources: readonly RightSource[]): string {
  return sources.map(sourceWords).join('; ');
}
