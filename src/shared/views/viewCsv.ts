import { csvField } from '../privileges/matrixRows';
import type { MembershipEdge } from './memberships';
import type { RelationView } from './relationView';
import { viaWords, type HeldRight } from './rights';
import type { RoleView } from './roleView';

const yes = (b: boolean) => (b ? 'YES' : 'NO');
const line = (fields: readonly string[]) => fields.map(csvField).join(',');

/** Columns of the role view's CSV: one row per object and privilege held. */
export const roleViewColumns = ['role', 'object_type', 'schema', 'object', 'privilege', 'is_grantable', 'via', 'grant_option_via'] as const;

/**
 * The role view's rights as CSV (header, then the database, its schemas, its relations; one
 * row per privilege), every field through the matrix CSV's csvField (RFC 4180 quoting and the
 * spreadsheet formula guard). Lines end with LF.
 */
export function roleViewCsv(view: RoleView): string {
  const out = [roleViewColumns.join(',')];
  const objects = [...(view.databaseRights === null ? [] : [view.databaseRights]), ...view.schemas, ...view.relations];
  const role = csvField(view.role.name);
  // why: relations of one access class share their rights array; its fields are written once
  // (a superuser's view is 20,000 relations × 8 privileges with three distinct arrays).
  const tails = new Map<readonly HeldRight[], string[]>();
  for (const o of objects) {
    let tail = tails.get(o.rights);
    if (tail === undefined) {
      tail = o.rights.map((r) => line([r.privilege, yes(r.grantable), viaWords(r.via), viaWords(r.grantVia)]));
      tails.set(o.rights, tail);
    }
    const head = `${role},${line([o.type, o.schema ?? '', o.name])},`;
    for (const t of tail) out.push(head + t);
  }
  return `${out.join('\n')}\n`;
}

/** Columns of the memberships CSV: one row per edge of the graph. */
export const membershipColumns = ['direction', 'member', 'group', 'inherit', 'set', 'admin', 'granted_by', 'implicit'] as const;

/** The role view's membership edges as CSV: the groups above it, then the members below it. */
export function membershipsCsv(view: RoleView): string {
  const row = (direction: string, e: MembershipEdge) =>
    line([direction, e.member, e.group, yes(e.inherit), yes(e.set), yes(e.admin), e.grantors.join(';'), yes(e.implicit)]);
  return `${[membershipColumns.join(','), ...view.memberships.up.map((e) => row('up', e)), ...view.memberships.down.map((e) => row('down', e))].join('\n')}\n`;
}

/** Columns of the relation view's CSV: one row per role and privilege held. */
export const relationViewColumns = ['schema', 'relation', 'role', 'role_kind', 'privilege', 'is_grantable', 'via', 'grant_option_via', 'schema_usage', 'connect'] as const;

/** The relation view as CSV, with the same field rules as roleViewCsv. */
export function relationViewCsv(view: RelationView): string {
  const out = [relationViewColumns.join(',')];
  for (const h of view.holders) {
    const kind = h.superuser ? 'superuser' : h.login ? 'user' : 'group';
    for (const r of h.rights) {
      out.push(line([view.schema, view.name, h.name, kind, r.privilege, yes(r.grantable), viaWords(r.via), viaWords(r.grantVia), yes(h.schemaUsage), yes(h.connect)]));
    }
  }
  return `${out.join('\n')}\n`;
}
