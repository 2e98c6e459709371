import type { SnapshotRole } from '../catalog/snapshot';
import type { Change } from '../changes/schema';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { BOOTSTRAP_SUPERUSER_OID, isBuiltInRole, listWords, roleObject, type Entry, type FindingContext } from './context';
import { findingKey, type Finding, type NotChecked } from './finding';

const alterRole = (name: string, attrs: Omit<Extract<Change, { kind: 'alterRole' }>, 'kind' | 'name'>): Change => ({ kind: 'alterRole', name, ...attrs });

/** Whether the fix would take the connected role's own rights away (never offered). */
function isSelf(fc: FindingContext, role: SnapshotRole): boolean {
  return fc.options.currentUser !== undefined && fc.options.currentUser === role.name;
}

const selfNote = (role: SnapshotRole) =>
  `You are connected as ${role.name}; Warden does not offer a fix that takes the connected role's own rights away. Connect as another superuser to fix it.`;

/** ACL entries naming a role as grantee (not as the object's owner), counted over the database, schemas and relations. */
export function grantCounts(fc: FindingContext): Map<number, number> {
  const counts = new Map<number, number>();
  const count = (entries: readonly Entry[], owner: number): void => {
    for (const e of entries) {
      if (e.grantee === null || e.grantee === PUBLIC_OID || e.grantee === owner) continue;
      counts.set(e.grantee, (counts.get(e.grantee) ?? 0) + 1);
    }
  };
  count(fc.databaseAcl, fc.snapshot.database.owner);
  for (const s of fc.snapshot.schemas) count(fc.schemaAcl(s), s.owner);
  for (const r of fc.snapshot.relations) count(fc.relationAcl(r), r.owner);
  return counts;
}

/** superuser-meaningless-grants and extra-superuser. */
export function superuserRules(fc: FindingContext, grants: ReadonlyMap<number, number>): Finding[] {
  const out: Finding[] = [];
  for (const role of fc.snapshot.roles) {
    if (!role.superuser || role.oid === BOOTSTRAP_SUPERUSER_OID) continue;
    const self = isSelf(fc, role);
    const fix = self ? [] : [alterRole(role.name, { superuser: false })];
    const fixSummary = self ? selfNote(role) : `Take SUPERUSER away from ${role.name} (ALTER ROLE … NOSUPERUSER); its grants then become real limits.`;
    const n = grants.get(role.oid) ?? 0;
    const groups = (fc.memberOf.get(role.oid) ?? []).map((m) => fc.name(m.roleid));
    if (n > 0 || groups.length > 0) {
      const held = [n > 0 ? (n === 1 ? 'a grant' : `${n} grants`) : null, groups.length > 0 ? `membership in ${listWords(groups)}` : null].filter((s) => s !== null);
      out.push({
        key: findingKey('superuser-meaningless-grants', role.name),
        rule: 'superuser-meaningless-grants',
        severity: 'high',
        title: `${role.name} is a superuser, so its grants mean nothing`,
        message: `${role.name} holds ${held.join(' and ')} in ${fc.databaseName}, which look like limits, but ${role.name} is a superuser: superusers skip every privilege check and can read, change and drop everything. If ${role.name} should only have what it was granted, it must not be a superuser.`,
        objects: [roleObject(role.name)],
        fix,
        fixSummary,
      });
    }
    out.push({
      key: findingKey('extra-superuser', role.name),
      rule: 'extra-superuser',
      severity: 'medium',
      title: `${role.name} is a superuser besides ${fc.name(BOOTSTRAP_SUPERUSER_OID)}`,
      message: `Besides ${fc.name(BOOTSTRAP_SUPERUSER_OID)}, the superuser initdb created, ${role.name} is also a superuser. Every extra superuser is one more way to take the whole server (read any data, run programs as the server's OS user). Give it only the rights it needs instead.`,
      objects: [roleObject(role.name)],
      fix,
      fixSummary,
    });
  }
  return out;
}

/** How PostgreSQL prints rolvaliduntil as text (DateStyle ISO), as an instant; null for infinity or unreadable. */
export function validUntilTime(text: string): number | null {
  if (text === 'infinity') return null;
  if (text === '-infinity') return Number.NEGATIVE_INFINITY;
  const m = /^(\d{4,}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(text.trim());
  if (m === null) return null;
  const t = Date.parse(`${m[1] ?? ''}T${m[2] ?? ''}${m[3] ?? ''}:${m[4] ?? '00'}`);
  return Number.isNaN(t) ? null : t;
}

/** login-without-password and login-expired. */
export function loginRules(fc: FindingContext): { findings: Finding[]; notChecked: NotChecked[] } {
  const findings: Finding[] = [];
  let unknown = 0;
  for (const role of fc.snapshot.roles) {
    if (!role.canLogin || isBuiltInRole(role) || role.oid === BOOTSTRAP_SUPERUSER_OID) continue;
    const self = isSelf(fc, role);
    if (role.hasPassword === null) unknown++;
    else if (!role.hasPassword) {
      findings.push({
        key: findingKey('login-without-password', role.name),
        rule: 'login-without-password',
        severity: 'high',
        title: `${role.name} can log in but has no password`,
        message: `${role.name} may log in and has no password. Wherever pg_hba.conf does not ask for a password (trust, peer, ident), anyone who can reach the server can connect as ${role.name}; where it does ask, ${role.name} cannot log in at all. Set a password (Edit role), or forbid login if ${role.name} only owns objects.`,
        objects: [roleObject(role.name)],
        fix: self ? [] : [alterRole(role.name, { login: false })],
        fixSummary: self ? selfNote(role) : `Forbid login for ${role.name} (ALTER ROLE … NOLOGIN). To keep it able to log in, set a password with Edit role instead.`,
      });
    }
    const until = role.validUntil === null ? null : validUntilTime(role.validUntil);
    if (until !== null && until < fc.options.now.getTime()) {
      findings.push({
        key: findingKey('login-expired', role.name),
        rule: 'login-expired',
        severity: 'low',
        title: `${role.name}'s password expired`,
        message: `${role.name} may log in, but its password stopped working at ${role.validUntil ?? ''} (VALID UNTIL). It keeps its privileges, and setting a new VALID UNTIL brings it back. If nobody uses it any more, say so with NOLOGIN.`,
        objects: [roleObject(role.name)],
        fix: self ? [] : [alterRole(role.name, { login: false })],
        fixSummary: self ? selfNote(role) : `Forbid login for ${role.name} (ALTER ROLE … NOLOGIN), which is what VALID UNTIL already does in practice.`,
      });
    }
  }
  const notChecked: NotChecked[] =
    unknown > 0
      ? [{ rule: 'login-without-password', reason: `Not checked for ${unknown} login role${unknown === 1 ? '' : 's'}: only superusers can read whether a role has a password (pg_authid).` }]
      : [];
  return { findings, notChecked };
}

/** Built-in roles whose membership comes close to superuser, with the severity and why. */
const nearSuperuserGroups: ReadonlyMap<string, { severity: Finding['severity']; why: string }> = new Map([
  ['pg_execute_server_program', { severity: 'high', why: 'runs any program on the database server as its OS user' }],
  ['pg_write_server_files', { severity: 'high', why: 'writes any file the server can write, which can be used to become superuser' }],
  ['pg_read_server_files', { severity: 'medium', why: 'reads any file the server can read, configuration and keys included' }],
  ['pg_write_all_data', { severity: 'medium', why: 'inserts, updates and deletes in every table of every database, whatever the grants say' }],
]);

/** near-superuser: CREATEROLE, BYPASSRLS, and membership in the built-in roles above. */
export function nearSuperuserRules(fc: FindingContext): Finding[] {
  const out: Finding[] = [];
  const major = fc.snapshot.serverMajor;
  for (const role of fc.snapshot.roles) {
    if (role.superuser || isBuiltInRole(role)) continue;
    const self = isSelf(fc, role);
    const one = (what: string, severity: Finding['severity'], message: string, fix: Change, fixSummary: string): void => {
      out.push({
        key: findingKey('near-superuser', role.name, what),
        rule: 'near-superuser',
        severity,
        title: `${role.name}: ${what}`,
        message,
        objects: [roleObject(role.name)],
        fix: self ? [] : [fix],
        fixSummary: self ? selfNote(role) : fixSummary,
      });
    };
    if (role.createRole) {
      one(
        'CREATEROLE',
        major < 16 ? 'high' : 'medium',
        major < 16
          ? `${role.name} has CREATEROLE. Before PostgreSQL 16 that is nearly superuser: it can grant itself membership in any non-superuser role, pg_execute_server_program included, and change any such role's password.`
          : `${role.name} has CREATEROLE: it can create roles and administer the ones it created, and hand out the rights it holds with ADMIN OPTION. Give it only to the roles that manage accounts.`,
        alterRole(role.name, { createRole: false }),
        `Take CREATEROLE away from ${role.name} (ALTER ROLE … NOCREATEROLE).`,
      );
    }
    if (role.bypassRls) {
      one(
        'BYPASSRLS',
        'medium',
        `${role.name} has BYPASSRLS: row-level security policies do not apply to it, so it sees and changes every row of tables that rely on them.`,
        alterRole(role.name, { bypassRls: false }),
        `Take BYPASSRLS away from ${role.name} (ALTER ROLE … NOBYPASSRLS).`,
      );
    }
    for (const m of fc.memberOf.get(role.oid) ?? []) {
      const group = fc.name(m.roleid);
      const danger = nearSuperuserGroups.get(group);
      if (danger === undefined || fc.role(m.roleid)?.oid !== m.roleid || !isBuiltInRole({ oid: m.roleid, name: group })) continue;
      one(
        `member of ${group}`,
        danger.severity,
        `${role.name} is a member of ${group}, which ${danger.why}. That is close to being a superuser.`,
        { kind: 'removeMember', group, member: role.name },
        `Remove ${role.name} from ${group} (REVOKE ${group} FROM ${role.name}).`,
      );
    }
  }
  // why: a role can be a member of a group through several grantors (16+); one finding per pair.
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.key) ? false : (seen.add(f.key), true)));
}
