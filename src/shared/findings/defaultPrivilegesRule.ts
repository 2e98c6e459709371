import type { Change } from '../changes/schema';
import { PUBLIC_OID } from '../privileges/aclResolve';
import { CREATE, namesOf } from '../privileges/bits';
import { hasObjectPrivilege } from '../privileges/objectAccess';
import { granteeOf, isBuiltInRole, listWords, privilegeList, roleObject, schemaObject, type FindingContext } from './context';
import { findingKey, type Finding } from './finding';

const objtypeWords = { r: 'tables', S: 'sequences' } as const;

/**
 * default-privileges-never-fire: ALTER DEFAULT PRIVILEGES for a role that creates nothing
 * where they apply (the usual missing FOR ROLE: run as the admin, while another role creates
 * the tables). Default privileges only apply to objects the named role creates.
 */
export function defaultPrivilegesRule(fc: FindingContext): Finding[] {
  const out: Finding[] = [];
  const db = fc.databaseName;
  for (const d of fc.snapshot.defaultAcls) {
    if (d.objtype !== 'r' && d.objtype !== 'S') continue;
    const role = fc.role(d.role);
    if (role === undefined || isBuiltInRole(role)) continue;
    const schema = d.schemaOid === null ? undefined : fc.schemaById.get(d.schemaOid);
    if (d.schemaOid !== null && (schema === undefined || !fc.userSchemas.includes(schema))) continue;
    const matches = fc.userRelations.filter((r) => (d.objtype === 'S' ? r.kind === 'S' : r.kind !== 'S') && (d.schemaOid === null || r.schemaOid === d.schemaOid));
    if (matches.some((r) => r.owner === d.role)) continue;
    const others = [...new Set(matches.map((r) => r.owner))].filter((o) => !isBuiltInRole({ oid: o, name: fc.name(o) }));
    const cannotCreate = d.schemaOid !== null && !role.superuser && hasObjectPrivilege(fc.schemaAccess, d.role, d.schemaOid, CREATE) !== true;
    if (others.length === 0 && !cannotCreate) continue;
    const entries = fc.parseDefaultAcl(d).filter((e) => e.grantee !== null && e.grantee !== d.role && e.privileges !== 0);
    if (entries.length === 0) continue;
    const objtype = objtypeWords[d.objtype];
    const where = schema === undefined ? `every schema of ${db}` : `schema ${schema.name}`;
    const base = { kind: 'alterDefaultPrivileges', database: db, objtype, grantOptionFor: false } as const;
    const inSchema = schema?.name;
    const fix: Change[] = [];
    for (const owner of others) {
      for (const e of entries) {
        fix.push({ ...base, forRole: fc.name(owner), ...(inSchema === undefined ? {} : { inSchema }), action: 'grant', privileges: privilegeList(e.privileges), grantee: granteeOf(fc, e.grantee ?? PUBLIC_OID), withGrantOption: e.grantOptions !== 0 });
      }
    }
    for (const e of entries) {
      fix.push({ ...base, forRole: role.name, ...(inSchema === undefined ? {} : { inSchema }), action: 'revoke', privileges: privilegeList(e.privileges), grantee: granteeOf(fc, e.grantee ?? PUBLIC_OID), withGrantOption: false });
    }
    const what = entries.map((e) => `${namesOf(e.privileges).join(', ')} to ${e.grantee === PUBLIC_OID ? 'PUBLIC' : fc.name(e.grantee ?? 0)}`).join('; ');
    const ownerNames = others.map((o) => fc.name(o));
    out.push({
      key: findingKey('default-privileges-never-fire', db, inSchema ?? null, role.name, objtype),
      rule: 'default-privileges-never-fire',
      severity: 'medium',
      title: `Default privileges for ${role.name} in ${where} never apply`,
      message: `Default privileges (${what}) are set for new ${objtype} that ${role.name} creates in ${where}, but ${role.name} ${cannotCreate ? 'may not create anything there' : 'creates none of them'}: ${ownerNames.length > 0 ? `${listWords(ownerNames)} own${ownerNames.length === 1 ? 's' : ''} the ${objtype} there` : 'nobody does'}. ALTER DEFAULT PRIVILEGES only covers objects made by the role named in FOR ROLE (by default whoever ran it), so new ${objtype} get none of these grants. The usual cause is a missing FOR ROLE.`,
      objects: [roleObject(role.name), ...(inSchema === undefined ? [] : [schemaObject(fc, inSchema)]), ...ownerNames.map(roleObject)],
      fix,
      fixSummary:
        ownerNames.length > 0
          ? `Set the same default privileges FOR ROLE ${listWords(ownerNames)} (who create${ownerNames.length === 1 ? 's' : ''} the ${objtype}), and remove the ones for ${role.name}.`
          : `Remove the default privileges for ${role.name}, which never apply.`,
    });
  }
  return out;
}

