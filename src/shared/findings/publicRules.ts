import type { Change } from '../changes/schema';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { CONNECT, CREATE, DELETE, REFERENCES, TEMPORARY, TRIGGER, TRUNCATE, UPDATE, namesOf } from '../privileges/bits';
import {
  GranteeGroups,
  databaseObject,
  isBuiltInRole,
  listWords,
  privilegeList,
  relationObjects,
  relationsWords,
  revokeOnRelation,
  roleObject,
  schemaObject,
  type FindingContext,
} from './context';
import { findingKey, type Finding } from './finding';

/** A group is "wide" from this many roles using its privileges (members, members of members, …). */
export const wideGroupMembers = 10;

/** Roles that hold something in this database and would lose CONNECT with PUBLIC's: ACL grantees and owners. */
function rolesNeedingConnect(fc: FindingContext): number[] {
  const db = fc.snapshot.database;
  const need = new Set<number>();
  const consider = (oid: number | null): void => {
    if (oid === null || oid === PUBLIC_OID || oid === db.owner) return;
    const role = fc.role(oid);
    if (role === undefined || role.superuser || isBuiltInRole(role)) return;
    need.add(oid);
  };
  for (const s of fc.userSchemas) {
    consider(s.owner);
    for (const e of fc.schemaAcl(s)) consider(e.grantee);
  }
  for (const r of fc.userRelations) {
    consider(r.owner);
    for (const e of fc.relationAcl(r)) consider(e.grantee);
  }
  // why: a role that already has CONNECT from its own entry keeps it after PUBLIC loses it.
  for (const e of fc.databaseAcl) if (e.grantee !== null && e.grantee !== PUBLIC_OID && (e.privileges & CONNECT) !== 0) need.delete(e.grantee);
  return [...need].sort((a, b) => (fc.name(a) < fc.name(b) ? -1 : 1));
}

/** public-connect: CONNECT or TEMPORARY on the database still granted to PUBLIC (the default). */
export function publicConnectRule(fc: FindingContext): Finding[] {
  const mask = fc.databaseAcl.filter((e) => e.grantee === PUBLIC_OID).reduce((m, e) => m | e.privileges, 0) & (CONNECT | TEMPORARY);
  if (mask === 0) return [];
  const keep = rolesNeedingConnect(fc);
  const db = fc.databaseName;
  const fix: Change[] = [
    { kind: 'revokeDatabase', database: db, privileges: privilegeList(mask), grantee: { kind: 'public' }, grantOptionFor: false, cascade: false },
    ...keep.map((oid): Change => ({ kind: 'grantDatabase', database: db, privileges: ['CONNECT'], grantee: { kind: 'role', name: fc.name(oid) }, withGrantOption: false })),
  ];
  const what = namesOf(mask).join(' and ');
  return [
    {
      key: findingKey('public-connect', db),
      rule: 'public-connect',
      severity: 'medium',
      title: `Everyone may ${(mask & CONNECT) !== 0 ? 'connect to' : 'create temporary tables in'} ${db}`,
      message: `PUBLIC (every role, present and future) holds ${what} on database ${db}${fc.snapshot.database.datacl === null ? ', as PostgreSQL gives every new database' : ''}. Any role can then connect and look at the catalogs, and ${(mask & TEMPORARY) !== 0 ? 'create temporary tables' : 'try every object'}. Grant CONNECT only to the roles that use ${db}.`,
      objects: [databaseObject(fc)],
      fix,
      fixSummary:
        keep.length > 0
          ? `Revoke ${what} on ${db} from PUBLIC, and grant CONNECT to the ${keep.length} role${keep.length === 1 ? '' : 's'} that hold something there (${listWords(keep.map(fc.name))}) so they keep working.`
          : `Revoke ${what} on ${db} from PUBLIC.`,
    },
  ];
}

/** public-create-schema: CREATE on a schema for PUBLIC (the public schema before 15, upgraded clusters). */
export function publicCreateSchemaRule(fc: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const s of fc.userSchemas) {
    if (!fc.schemaAcl(s).some((e) => e.grantee === PUBLIC_OID && (e.privileges & CREATE) !== 0)) continue;
    out.push({
      key: findingKey('public-create-schema', fc.databaseName, s.name),
      rule: 'public-create-schema',
      severity: 'high',
      title: `Everyone may create objects in schema ${s.name}`,
      message: `PUBLIC holds CREATE on schema ${s.name} in ${fc.databaseName}: any role that can connect may create tables and functions there, and a function named like a built-in one can run with the rights of whoever calls it by mistake (CVE-2018-1058). PostgreSQL 15 stopped granting this on the public schema; older and upgraded clusters still have it.`,
      objects: [schemaObject(fc, s.name)],
      fix: [{ kind: 'revokeSchema', database: fc.databaseName, schema: s.name, privileges: ['CREATE'], grantee: { kind: 'public' }, grantOptionFor: false, cascade: false }],
      fixSummary: `Revoke CREATE on schema ${s.name} from PUBLIC.`,
    });
  }
  return out;
}

const destructive = TRUNCATE | DELETE | UPDATE;
const codeRunning = TRIGGER | REFERENCES;

/** wide-destructive (TRUNCATE, DELETE, UPDATE to PUBLIC or a big group) and code-as-owner (TRIGGER, REFERENCES to a non-owner). */
export function grantShapeRules(fc: FindingContext): Finding[] {
  const usedBy = fc.access.closure.usedBy;
  const wide = new GranteeGroups();
  const code = new GranteeGroups();
  const widthOf = new Map<number, number>();
  const width = (oid: number): number => {
    let w = widthOf.get(oid);
    if (w === undefined) {
      w = Math.max(0, (usedBy[fc.index(oid)]?.length ?? 1) - 1);
      widthOf.set(oid, w);
    }
    return w;
  };
  const ownerUsers = new Map<number, Set<number>>();
  const usesOwner = (grantee: number, owner: number): boolean => {
    let set = ownerUsers.get(owner);
    if (set === undefined) {
      set = new Set(Array.from(usedBy[fc.index(owner)] ?? [], (i) => fc.access.closure.directory.roles[i]?.oid ?? -1));
      ownerUsers.set(owner, set);
    }
    return set.has(grantee);
  };
  for (const rel of fc.userRelations) {
    for (const e of fc.relationAcl(rel)) {
      if (e.grantee === null || e.grantee === rel.owner) continue;
      const role = e.grantee === PUBLIC_OID ? undefined : fc.role(e.grantee);
      if (role?.superuser === true) continue;
      const d = e.privileges & destructive;
      if (d !== 0 && (e.grantee === PUBLIC_OID || width(e.grantee) >= wideGroupMembers)) wide.add(e.grantee, rel, d);
      const c = e.privileges & codeRunning;
      if (c !== 0 && (e.grantee === PUBLIC_OID || !usesOwner(e.grantee, rel.owner))) code.add(e.grantee, rel, c);
    }
  }
  const out: Finding[] = [];
  for (const g of wide.all()) {
    const who = g.grantee === PUBLIC_OID ? 'PUBLIC' : fc.name(g.grantee);
    const whom = g.grantee === PUBLIC_OID ? 'every role, present and future' : `each of the ${width(g.grantee)} roles that use its privileges`;
    const n = g.items.length;
    out.push({
      key: findingKey('wide-destructive', fc.databaseName, who),
      rule: 'wide-destructive',
      severity: g.grantee === PUBLIC_OID ? 'high' : 'medium',
      title: `${who} may delete or overwrite rows in ${n} relation${n === 1 ? '' : 's'}`,
      message: `${who} holds TRUNCATE, DELETE or UPDATE on ${relationsWords(fc, g.items)}, and so does ${whom}. One mistaken statement by any of them can empty or overwrite the data. Give write access to the few roles that need it.`,
      objects: [...(g.grantee === PUBLIC_OID ? [] : [roleObject(who)]), ...relationObjects(fc, g.items)],
      fix: g.items.map((i) => revokeOnRelation(fc, i.rel, i.mask, g.grantee)),
      fixSummary: `Revoke those TRUNCATE, DELETE and UPDATE grants from ${who}.`,
    });
  }
  for (const g of code.all()) {
    const who = g.grantee === PUBLIC_OID ? 'PUBLIC' : fc.name(g.grantee);
    const n = g.items.length;
    const mask = g.items.reduce((m, i) => m | i.mask, 0);
    out.push({
      key: findingKey('code-as-owner', fc.databaseName, who),
      rule: 'code-as-owner',
      severity: 'medium',
      title: `${who} holds ${namesOf(mask).join(' and ')} on ${n} relation${n === 1 ? '' : 's'} it does not own`,
      message: `${who} holds ${namesOf(mask).join(' or ')} on ${relationsWords(fc, g.items)} without owning them. TRIGGER lets it attach a trigger whose code then runs inside other roles' statements, the owner's included; REFERENCES lets it add foreign keys whose checks run as the owner and can block the owner's own deletes. PostgreSQL's documentation warns against granting either to roles you do not trust as much as the owner.`,
      objects: [...(g.grantee === PUBLIC_OID ? [] : [roleObject(who)]), ...relationObjects(fc, g.items)],
      fix: g.items.map((i) => revokeOnRelation(fc, i.rel, i.mask, g.grantee)),
      fixSummary: `Revoke TRIGGER and REFERENCES on those relations from ${who}.`,
    });
  }
  return out;
}
