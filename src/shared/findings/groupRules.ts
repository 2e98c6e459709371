import type { SnapshotRole } from '../catalog/snapshot';
import type { Change } from '../changes/schema';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { isBuiltInRole, listWords, roleObject, schemaObject, databaseObject, type FindingContext } from './context';
import { findingKey, type Finding } from './finding';

/** What one role holds or owns in this database: schemas and relations by schema, the database itself. */
interface Holdings {
  owns: number;
  database: boolean;
  schemas: Set<string>;
  tablesIn: Set<string>;
  sequencesIn: Set<string>;
  defaultAcls: number;
}

function holdingsOf(fc: FindingContext): Map<number, Holdings> {
  const out = new Map<number, Holdings>();
  const of = (oid: number): Holdings => {
    let h = out.get(oid);
    if (h === undefined) {
      h = { owns: 0, database: false, schemas: new Set(), tablesIn: new Set(), sequencesIn: new Set(), defaultAcls: 0 };
      out.set(oid, h);
    }
    return h;
  };
  const db = fc.snapshot.database;
  of(db.owner).owns++;
  for (const e of fc.databaseAcl) if (e.grantee !== null && e.grantee !== PUBLIC_OID && e.grantee !== db.owner) of(e.grantee).database = true;
  for (const s of fc.snapshot.schemas) {
    of(s.owner).owns++;
    for (const e of fc.schemaAcl(s)) if (e.grantee !== null && e.grantee !== PUBLIC_OID && e.grantee !== s.owner) of(e.grantee).schemas.add(s.name);
  }
  for (const r of fc.snapshot.relations) {
    of(r.owner).owns++;
    const schema = fc.schemaById.get(r.schemaOid)?.name ?? '';
    for (const e of fc.relationAcl(r)) {
      if (e.grantee === null || e.grantee === PUBLIC_OID || e.grantee === r.owner) continue;
      (r.kind === 'S' ? of(e.grantee).sequencesIn : of(e.grantee).tablesIn).add(schema);
    }
  }
  for (const d of fc.snapshot.defaultAcls) of(d.role).defaultAcls++;
  return out;
}

/** A NOLOGIN, non-superuser, user-made role with no members: the subject of empty-group and grant-to-dead-role. */
function isMemberlessGroup(fc: FindingContext, role: SnapshotRole): boolean {
  return !role.canLogin && !role.superuser && !isBuiltInRole(role) && (fc.membersOf.get(role.oid)?.length ?? 0) === 0;
}

/** empty-group and grant-to-dead-role. */
export function deadRoleRules(fc: FindingContext): Finding[] {
  const holdings = holdingsOf(fc);
  const db = fc.databaseName;
  const out: Finding[] = [];
  for (const role of fc.snapshot.roles) {
    if (!isMemberlessGroup(fc, role)) continue;
    const h = holdings.get(role.oid);
    const grants = h === undefined ? 0 : (h.database ? 1 : 0) + h.schemas.size + h.tablesIn.size + h.sequencesIn.size;
    if (h === undefined || (h.owns === 0 && grants === 0 && h.defaultAcls === 0)) {
      out.push({
        key: findingKey('empty-group', role.name),
        rule: 'empty-group',
        severity: 'low',
        title: `${role.name} is an empty group`,
        message: `${role.name} cannot log in, has no members, and neither owns nor holds anything in ${db}. It does nothing here; if it is not used in other databases either, drop it (DROP ROLE refuses while it still holds something elsewhere, so nothing is lost by trying).`,
        objects: [roleObject(role.name)],
        fix: [{ kind: 'dropRole', name: role.name }],
        fixSummary: `Drop role ${role.name}.`,
      });
      continue;
    }
    if (grants === 0) continue;
    const fix: Change[] = [];
    const grantee = { kind: 'role', name: role.name } as const;
    const revoke = { grantOptionFor: false, cascade: false, privileges: 'ALL', grantee } as const;
    if (h.database) fix.push({ kind: 'revokeDatabase', database: db, ...revoke });
    for (const s of h.schemas) fix.push({ kind: 'revokeSchema', database: db, schema: s, ...revoke });
    for (const s of h.tablesIn) fix.push({ kind: 'revokeAllTablesInSchema', database: db, schema: s, objectKind: 'tables', ...revoke });
    for (const s of h.sequencesIn) fix.push({ kind: 'revokeAllTablesInSchema', database: db, schema: s, objectKind: 'sequences', ...revoke });
    const where = [...new Set([...h.tablesIn, ...h.sequencesIn])];
    out.push({
      key: findingKey('grant-to-dead-role', db, role.name),
      rule: 'grant-to-dead-role',
      severity: 'low',
      title: `${role.name} holds privileges nobody can use`,
      message: `${role.name} cannot log in and has no members, yet holds privileges in ${db}${where.length > 0 ? ` (on relations in ${listWords(where)})` : ''}. Nobody uses them today; they come alive the moment someone is added to ${role.name}, which is easy to do without noticing what it grants. Add its members, or revoke what it holds.`,
      objects: [roleObject(role.name), ...(h.database ? [databaseObject(fc)] : []), ...[...h.schemas, ...where].filter((s, i, a) => a.indexOf(s) === i).map((s) => schemaObject(fc, s))],
      fix,
      fixSummary: `Revoke everything ${role.name} holds in ${db} (the database, its schemas, and all tables and sequences in ${listWords(where.length > 0 ? where : [...h.schemas])}).`,
    });
  }
  return out;
}

/**
 * member-inherits-nothing: a membership through which no privilege flows (PG16+ INHERIT
 * FALSE on every row of the pair, or a NOINHERIT member before 16), where the group holds
 * object privileges in this database.
 */
export function memberInheritsNothingRule(fc: FindingContext): Finding[] {
  const { closure } = fc.access;
  const major = fc.snapshot.serverMajor;
  const holders = new Set<number>();
  for (const e of fc.databaseAcl) if (e.grantee !== null) holders.add(e.grantee);
  for (const s of fc.userSchemas) for (const e of fc.schemaAcl(s)) if (e.grantee !== null && e.grantee !== s.owner) holders.add(e.grantee);
  for (const r of fc.userRelations) {
    holders.add(r.owner);
    for (const e of fc.relationAcl(r)) if (e.grantee !== null) holders.add(e.grantee);
  }
  const predefinedOids = new Set(fc.snapshot.roles.filter((r) => isBuiltInRole(r) && ['pg_read_all_data', 'pg_write_all_data', 'pg_maintain'].includes(r.name)).map((r) => r.oid));
  const holdsSomething = (group: number): boolean => {
    for (const i of closure.uses[fc.index(group)] ?? []) {
      const oid = closure.directory.roles[i]?.oid;
      if (oid !== undefined && (holders.has(oid) || predefinedOids.has(oid))) return true;
    }
    return false;
  };
  const pairs = new Map<string, { member: number; group: number; inherits: boolean }>();
  for (const m of fc.snapshot.memberships) {
    const member = fc.role(m.member);
    if (member === undefined) continue;
    const inherits = major >= 16 ? (m.inheritOption ?? member.inherit) : member.inherit;
    const k = `${m.member}/${m.roleid}`;
    const p = pairs.get(k);
    if (p === undefined) pairs.set(k, { member: m.member, group: m.roleid, inherits });
    else p.inherits ||= inherits;
  }
  const out: Finding[] = [];
  for (const { member, group, inherits } of pairs.values()) {
    const m = fc.role(member);
    if (inherits || m === undefined || m.superuser || isBuiltInRole(m)) continue;
    // why: when another, inheriting path already reaches the group, this membership costs nothing.
    if (closure.uses[fc.index(member)]?.includes(fc.index(group)) === true) continue;
    if (!holdsSomething(group)) continue;
    const g = fc.name(group);
    const fix: Change =
      major >= 16 ? { kind: 'addMember', group: g, member: m.name, inherit: true } : { kind: 'alterRole', name: m.name, inherit: true };
    out.push({
      key: findingKey('member-inherits-nothing', m.name, g),
      rule: 'member-inherits-nothing',
      severity: 'medium',
      title: `${m.name} is a member of ${g} but gets none of its privileges`,
      message:
        major >= 16
          ? `${m.name} was added to ${g} WITH INHERIT FALSE, so none of ${g}'s privileges apply to ${m.name}'s queries; ${m.name} would have to SET ROLE ${g} first. When membership was meant to give access, that is why it "does not work".`
          : `${m.name} is NOINHERIT, so none of ${g}'s privileges apply to ${m.name}'s queries; it would have to SET ROLE ${g} first. When membership was meant to give access, that is why it "does not work".`,
      objects: [roleObject(m.name), roleObject(g)],
      fix: [fix],
      fixSummary:
        major >= 16
          ? `Grant ${g} to ${m.name} again WITH INHERIT TRUE.`
          : `Make ${m.name} INHERIT (before PostgreSQL 16 this applies to all its memberships).`,
    });
  }
  return out;
}
