import type { CatalogSnapshot, SnapshotRelation } from '../catalog/snapshot';
import type { Change } from '../changes/schema';
import { buildAccessContext } from '../privileges/accessColumn';
import { CONNECT, USAGE, namesOf, privilegeNames, type PrivilegeName } from '../privileges/bits';
import { cellBits } from '../privileges/matrixCells';
import { computeEffective } from '../privileges/effective';
import { explainCell, reasonsFor, type CellReason } from '../privileges/explain';
import { computeDatabaseAccess, computeSchemaAccess, hasObjectPrivilege } from '../privileges/objectAccess';
import { validUntilTime } from '../findings/roleRules';

/** One layer between a role and a privilege, in the order PostgreSQL checks them at run time. */
export interface MissingLayer {
  layer: 'login' | 'password' | 'valid-until' | 'connect' | 'usage' | 'acl' | 'membership';
  /** Plain words. */
  detail: string;
}

/** One smallest change set that would give the privilege, not yet proven. */
export interface WhyNotCandidate {
  /** What it is, in words ("grant SELECT directly", "add alice to readers"). */
  label: string;
  changes: Change[];
  /** What else it changes: privileges gained on other relations, in words ('' for nothing). */
  alsoChanges: string;
}

/** The answer before proof: granted (with reasons), or what is missing and what could fix it. */
export interface WhyNotAnswer {
  granted: boolean;
  reasons: CellReason[];
  missing: MissingLayer[];
  candidates: WhyNotCandidate[];
}

/** How many groups to offer joining, at most (those that change least first). */
const maxGroupCandidates = 3;

/**
 * Why `role` lacks `privilege` on `relation`, layer by layer, and the smallest change sets
 * that would give it: a direct grant; joining a group that has it; a membership re-granted
 * WITH INHERIT TRUE (NOINHERIT lifted before 16). Each adds the schema USAGE and database
 * CONNECT still missing. Pure: the server proves them (main/backend/whyNot).
 */
export function whyNot(snapshot: CatalogSnapshot, roleOid: number, relation: SnapshotRelation, privilege: PrivilegeName, now: Date): WhyNotAnswer {
  const ctx = buildAccessContext(snapshot);
  const dir = ctx.closure.directory;
  const roleIdx = dir.indexOf.get(roleOid);
  const role = roleIdx === undefined ? undefined : dir.roles[roleIdx];
  if (role === undefined || roleIdx === undefined) throw new Error('The role is not in the catalog.');
  const bit = 1 << privilegeNames.indexOf(privilege);
  const matrix = computeEffective(snapshot, ctx);
  const relIdx = matrix.relationIndex.get(relation.oid) ?? -1;
  const has = (i: number) => (cellBits(matrix, i, relIdx).privileges & bit) !== 0;
  const schemas = computeSchemaAccess(snapshot, ctx);
  const dbs = computeDatabaseAccess(snapshot, ctx);
  const db = snapshot.database;
  const schema = snapshot.schemas.find((s) => s.oid === relation.schemaOid);
  const schemaName = schema?.name ?? '';
  const usage = (oid: number) => hasObjectPrivilege(schemas, oid, relation.schemaOid, USAGE) === true;
  const connect = (oid: number) => hasObjectPrivilege(dbs, oid, db.oid, CONNECT) === true;
  const name = (i: number) => dir.roles[i]?.name ?? '';

  const missing: MissingLayer[] = [];
  if (!role.canLogin) missing.push({ layer: 'login', detail: `${role.name} cannot log in (NOLOGIN); only members that inherit from it use its privileges.` });
  if (role.canLogin && role.hasPassword === false) missing.push({ layer: 'password', detail: `${role.name} has no password, so it cannot log in where pg_hba.conf asks for one.` });
  const until = role.validUntil === null ? null : validUntilTime(role.validUntil);
  if (role.canLogin && until !== null && until < now.getTime()) missing.push({ layer: 'valid-until', detail: `${role.name}'s password expired (VALID UNTIL ${role.validUntil ?? ''}).` });
  const hasConnect = connect(roleOid);
  const hasUsage = usage(roleOid);
  const granted = has(roleIdx);
  if (!hasConnect) missing.push({ layer: 'connect', detail: `${role.name} may not connect to database ${db.name} (no CONNECT).` });
  if (!hasUsage) missing.push({ layer: 'usage', detail: `${role.name} has no USAGE on schema ${schemaName}, so it cannot even look up ${relation.name}.` });
  if (!granted) missing.push({ layer: 'acl', detail: `${relation.name}'s ACL gives ${privilege} neither to ${role.name} nor to a role it inherits from, nor to PUBLIC.` });

  // Memberships that would carry the privilege if they inherited.
  const uses = new Set(ctx.closure.uses[roleIdx] ?? []);
  const major = snapshot.serverMajor;
  const rows = snapshot.memberships.filter((m) => m.member === roleOid);
  const carrying: { group: number; inheritFix: Change }[] = [];
  for (const m of rows) {
    const g = dir.indexOf.get(m.roleid);
    if (g === undefined || uses.has(g) || !has(g)) continue;
    if (carrying.some((c) => c.group === g)) continue;
    const why = major >= 16 ? 'was granted WITH INHERIT FALSE' : `is NOINHERIT`;
    const set = major >= 16 && m.setOption === false ? ' and SET FALSE, so it cannot even SET ROLE to it' : '';
    missing.push({ layer: 'membership', detail: `${role.name} is a member of ${name(g)}, which has ${privilege} on ${relation.name}, but the membership gives nothing: ${role.name} ${why}${set}.` });
    carrying.push({ group: g, inheritFix: major >= 16 ? { kind: 'addMember', group: name(g), member: role.name, inherit: true } : { kind: 'alterRole', name: role.name, inherit: true } });
  }
  if (granted && hasUsage && hasConnect) {
    const explanation = explainCell(snapshot, roleOid, relation.oid, ctx);
    return { granted: true, reasons: explanation === null ? [] : reasonsFor(explanation, bit), missing, candidates: [] };
  }

  const layersFor = (viaGroup: number | null): Change[] => {
    const out: Change[] = [];
    const usageVia = viaGroup !== null && usage(dir.roles[viaGroup]?.oid ?? -1);
    const connectVia = viaGroup !== null && connect(dir.roles[viaGroup]?.oid ?? -1);
    if (!hasUsage && !usageVia) out.push({ kind: 'grantSchema', database: db.name, schema: schemaName, privileges: ['USAGE'], grantee: { kind: 'role', name: role.name }, withGrantOption: false });
    if (!hasConnect && !connectVia) out.push({ kind: 'grantDatabase', database: db.name, privileges: ['CONNECT'], grantee: { kind: 'role', name: role.name }, withGrantOption: false });
    return out;
  };
  const gains = (g: number): string => {
    let relations = 0;
    for (let j = 0; j < matrix.relationOids.length; j++) {
      const theirs = cellBits(matrix, g, j).privileges & (matrix.relevant[j] ?? 0);
      if ((theirs & ~cellBits(matrix, roleIdx, j).privileges) !== 0 && j !== relIdx) relations++;
    }
    return relations === 0 ? '' : `${role.name} also gains ${name(g)}'s privileges on ${relations} other relation${relations === 1 ? '' : 's'}.`;
  };
  const relKind = relation.kind === 'S' ? 'sequence' : 'table';
  const candidates: WhyNotCandidate[] = [];
  candidates.push({
    label: `Grant ${privilege} on ${schemaName}.${relation.name} to ${role.name} directly`,
    changes: [
      ...(granted ? [] : [{ kind: 'grantTable', database: db.name, schema: schemaName, table: relation.name, objectKind: relKind, privileges: [privilege], grantee: { kind: 'role', name: role.name }, withGrantOption: false } as Change]),
      ...layersFor(null),
    ],
    alsoChanges: '',
  });
  for (const c of carrying) {
    candidates.push({ label: `Let ${role.name} inherit from ${name(c.group)}`, changes: [c.inheritFix, ...layersFor(c.group)], alsoChanges: gains(c.group) });
  }
  if (!granted) {
    const groups = dir.roles
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => !r.canLogin && !r.superuser && r.oid >= 16384 && i !== roleIdx && has(i) && !rows.some((m) => m.roleid === r.oid))
      // why: a group that contains the role already cannot be joined (membership loops are refused).
      .filter(({ i }) => ctx.closure.uses[i]?.includes(roleIdx) !== true)
      .map(({ i }) => ({ i, also: gains(i), count: 0 }));
    for (const g of groups) g.count = Number(/on (\d+) other/.exec(g.also)?.[1] ?? 0);
    groups.sort((a, b) => a.count - b.count || name(a.i).localeCompare(name(b.i)));
    for (const g of groups.slice(0, maxGroupCandidates)) {
      const join: Change = major >= 16 ? { kind: 'addMember', group: name(g.i), member: role.name, inherit: true } : { kind: 'addMember', group: name(g.i), member: role.name };
      candidates.push({ label: `Add ${role.name} to group ${name(g.i)}`, changes: [join, ...layersFor(g.i)], alsoChanges: g.also });
    }
  }
  return { granted: false, reasons: [], missing, candidates: candidates.filter((c) => c.changes.length > 0) };
}

/** The privilege names a relation kind has, for argument checks. */
export function privilegeWords(mask: number): PrivilegeName[] {
  return namesOf(mask);
}
