import type { SnapshotRelation } from '../catalog/snapshot';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { CONNECT, USAGE, namesOf, relevantRelationRights } from '../privileges/bits';
import { hasObjectPrivilege } from '../privileges/objectAccess';
import {
  GranteeGroups,
  databaseObject,
  isBuiltInRole,
  listWords,
  relationObjects,
  relationsWords,
  revokeOnRelation,
  roleObject,
  schemaObject,
  schemasOf,
  type Entry,
  type FindingContext,
} from './context';
import { findingKey, type Finding } from './finding';

/**
 * unusable-grant: a role holds privileges on relations it can never use, because no role
 * that can log in and uses its privileges has USAGE on the schema (or CONNECT on the database).
 */
export function unusableGrantRule(fc: FindingContext): Finding[] {
  const { closure } = fc.access;
  const dir = closure.directory;
  const dbOid = fc.snapshot.database.oid;
  const loginUsers = new Map<number, number[]>();
  const usersOf = (oid: number): number[] => {
    let list = loginUsers.get(oid);
    if (list === undefined) {
      list = Array.from(closure.usedBy[fc.index(oid)] ?? [], (i) => dir.roles[i]).flatMap((r) => (r !== undefined && r.canLogin && !r.superuser ? [r.oid] : []));
      loginUsers.set(oid, list);
    }
    return list;
  };
  const noUsage = new GranteeGroups();
  const noConnect = new GranteeGroups();
  const schemaCount = fc.snapshot.schemas.length + 1;
  const schemaIndex = new Map(fc.snapshot.schemas.map((s, i) => [s.oid, i]));
  const usageMemo = new Map<number, boolean>();
  let connectMemo: Map<number, boolean> | undefined;
  for (const rel of fc.userRelations) {
    for (const e of fc.relationAcl(rel)) {
      if (e.grantee === null || e.grantee === PUBLIC_OID || e.privileges === 0) continue;
      const role = fc.role(e.grantee);
      if (role === undefined || role.superuser || isBuiltInRole(role)) continue;
      const users = usersOf(e.grantee);
      // why: with nobody able to log in and use it, the grant is grant-to-dead-role's business.
      if (users.length === 0) continue;
      const k = fc.index(e.grantee) * schemaCount + (schemaIndex.get(rel.schemaOid) ?? schemaCount - 1);
      let usable = usageMemo.get(k);
      if (usable === undefined) {
        usable = users.some((u) => hasObjectPrivilege(fc.schemaAccess, u, rel.schemaOid, USAGE) === true);
        usageMemo.set(k, usable);
      }
      if (!usable) noUsage.add(e.grantee, rel, e.privileges);
      connectMemo ??= new Map();
      let connects = connectMemo.get(e.grantee);
      if (connects === undefined) {
        connects = users.some((u) => hasObjectPrivilege(fc.databaseAccess, u, dbOid, CONNECT) === true);
        connectMemo.set(e.grantee, connects);
      }
      if (!connects) noConnect.add(e.grantee, rel, e.privileges);
    }
  }
  const out: Finding[] = [];
  for (const g of noUsage.all()) {
    const name = fc.name(g.grantee);
    const schemas = schemasOf(fc, g.items);
    const s = listWords(schemas, 10);
    out.push({
      key: findingKey('unusable-grant', fc.databaseName, 'USAGE', name),
      rule: 'unusable-grant',
      severity: 'medium',
      title: `${name} cannot use its grants in ${schemas.length === 1 ? `schema ${s}` : `${schemas.length} schemas`}: no USAGE`,
      message: `${name} holds privileges on ${relationsWords(fc, g.items)}, but neither ${name} nor any role that can log in and uses its privileges has USAGE on schema ${s}. Without USAGE a schema's objects cannot even be looked up, so every query fails with "permission denied for schema" (has_table_privilege still says yes).`,
      objects: [roleObject(name), ...schemas.map((x) => schemaObject(fc, x)), ...relationObjects(fc, g.items)],
      fix: schemas.map((schema) => ({ kind: 'grantSchema', database: fc.databaseName, schema, privileges: ['USAGE'], grantee: { kind: 'role', name }, withGrantOption: false }) as const),
      fixSummary: `Grant USAGE on schema ${s} to ${name}.`,
    });
  }
  for (const g of noConnect.all()) {
    const name = fc.name(g.grantee);
    out.push({
      key: findingKey('unusable-grant', fc.databaseName, 'CONNECT', name),
      rule: 'unusable-grant',
      severity: 'medium',
      title: `${name} cannot use its grants in ${fc.databaseName}: no CONNECT`,
      message: `${name} holds privileges on ${relationsWords(fc, g.items)} in database ${fc.databaseName}, but neither ${name} nor any role that can log in and uses its privileges may connect to ${fc.databaseName}, so none of those grants can be used.`,
      objects: [roleObject(name), databaseObject(fc), ...relationObjects(fc, g.items)],
      fix: [{ kind: 'grantDatabase', database: fc.databaseName, privileges: ['CONNECT'], grantee: { kind: 'role', name }, withGrantOption: false }],
      fixSummary: `Grant CONNECT on database ${fc.databaseName} to ${name}.`,
    });
  }
  return out;
}

/**
 * redundant-grant: a direct grant to a role that a group it inherits from (or a predefined
 * role it uses, such as pg_read_all_data) already gives, grant options included.
 */
export function redundantGrantRule(fc: FindingContext): Finding[] {
  const { closure } = fc.access;
  const dir = closure.directory;
  const usesSets = new Map<number, Set<number>>();
  const uses = (oid: number): Set<number> => {
    let s = usesSets.get(oid);
    if (s === undefined) {
      s = new Set(Array.from(closure.uses[fc.index(oid)] ?? [], (i) => dir.roles[i]?.oid ?? -1));
      s.delete(oid);
      usesSets.set(oid, s);
    }
    return s;
  };
  const predefinedMask = new Map<number, number>();
  for (const p of fc.access.predefined) {
    for (const i of p.users) {
      const oid = dir.roles[i]?.oid;
      if (oid !== undefined) predefinedMask.set(oid, (predefinedMask.get(oid) ?? 0) | p.relationPrivileges);
    }
  }
  // why: relations sharing an ACL text and an owner give the same answer; compute it once.
  const memo = new Map<string, { grantee: number; mask: number }[]>();
  const redundantIn = (rel: SnapshotRelation, acl: readonly Entry[]): { grantee: number; mask: number }[] => {
    const k = `${rel.owner}/${rel.kind === 'S' ? 'S' : 'r'}/${rel.relacl ?? ''}`;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const relevant = relevantRelationRights(rel.kind, fc.snapshot.serverMajor);
    const out: { grantee: number; mask: number }[] = [];
    for (const e of acl) {
      const g = e.grantee;
      if (g === null || g === PUBLIC_OID || g === rel.owner || (e.privileges & relevant) === 0) continue;
      const role = fc.role(g);
      if (role === undefined || role.superuser || isBuiltInRole(role)) continue;
      // why: REVOKE without CASCADE fails while the role's grant option backs grants it made.
      if (acl.some((o) => o.grantor === g && o.grantee !== g)) continue;
      const via = uses(g);
      let privs = rel.kind === 'S' ? 0 : (predefinedMask.get(g) ?? 0);
      let options = 0;
      for (const o of acl) {
        if (o === e || o.grantee === null || o.grantee === PUBLIC_OID || !via.has(o.grantee)) continue;
        privs |= o.privileges;
        options |= o.grantOptions;
      }
      if ((e.privileges & relevant & ~privs) === 0 && (e.grantOptions & ~options) === 0) out.push({ grantee: g, mask: e.privileges & relevant });
    }
    memo.set(k, out);
    return out;
  };
  const groups = new GranteeGroups();
  for (const rel of fc.userRelations) {
    if (rel.relacl === null) continue;
    for (const r of redundantIn(rel, fc.relationAcl(rel))) groups.add(r.grantee, rel, r.mask);
  }
  return groups.all().map((g) => {
    const name = fc.name(g.grantee);
    const mask = g.items.reduce((m, i) => m | i.mask, 0);
    return {
      key: findingKey('redundant-grant', fc.databaseName, name),
      rule: 'redundant-grant',
      severity: 'low',
      title: `${name} is granted directly what its groups already give, on ${g.items.length} relation${g.items.length === 1 ? '' : 's'}`,
      message: `${name} holds ${namesOf(mask).join(', ')} on ${relationsWords(fc, g.items)} by a direct grant, and also through a group it belongs to (or a predefined role such as pg_read_all_data). The direct grant changes nothing today, but it silently keeps the access when ${name} leaves the group, which is usually not what was meant.`,
      objects: [roleObject(name), ...relationObjects(fc, g.items)],
      fix: g.items.map((i) => revokeOnRelation(fc, i.rel, i.mask, g.grantee)),
      fixSummary: `Revoke the direct grants from ${name}; it keeps the same access through its groups.`,
    };
  });
}
