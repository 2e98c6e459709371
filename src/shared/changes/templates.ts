import type { ChangeInput } from './schema';

/** The two access levels the lesson's groups stand for. */
export type AccessLevel = 'readonly' | 'readwrite';

/** What an access template needs: the group, where, and who creates tables there. */
export interface AccessTemplateInput {
  level: AccessLevel;
  group: string;
  database: string;
  schema: string;
  /** Roles that create tables in the schema; their future tables are covered too. */
  tableOwners: readonly string[];
}

const tablePrivileges = {
  readonly: ['SELECT'],
  readwrite: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
} as const;
// why: INSERT into a serial/identity column calls nextval, which needs USAGE on the sequence.
const sequencePrivileges = ['USAGE', 'SELECT'] as const;

/**
 * The grants that give a group read-only or read-write access to one schema: USAGE on the
 * schema, privileges on the tables (and, for read-write, sequences) that exist now, and
 * default privileges FOR ROLE each table owner so tables they create later are covered.
 * Never DROP: it is not a grantable privilege, only owners may drop.
 */
export function accessTemplate({ level, group, database, schema, tableOwners }: AccessTemplateInput): ChangeInput[] {
  const grantee = { kind: 'role', name: group } as const;
  const tables = [...tablePrivileges[level]];
  const out: ChangeInput[] = [
    { kind: 'grantSchema', database, schema, privileges: ['USAGE'], grantee },
    { kind: 'grantAllTablesInSchema', database, schema, objectKind: 'tables', privileges: tables, grantee },
  ];
  if (level === 'readwrite') {
    out.push({ kind: 'grantAllTablesInSchema', database, schema, objectKind: 'sequences', privileges: [...sequencePrivileges], grantee });
  }
  const owners = [...new Set(tableOwners)].filter((owner) => owner !== '' && owner !== group);
  for (const forRole of owners) {
    out.push({ kind: 'alterDefaultPrivileges', database, forRole, inSchema: schema, objtype: 'tables', action: 'grant', privileges: tables, grantee });
    if (level === 'readwrite') {
      out.push({
        kind: 'alterDefaultPrivileges',
        database,
        forRole,
        inSchema: schema,
        objtype: 'sequences',
        action: 'grant',
        privileges: [...sequencePrivileges],
        grantee,
      });
    }
  }
  return out;
}

/** Who creates tables in a schema: the schema owner and every relation's owner, once each. */
export function schemaTableOwners(schemaOwner: string | undefined, relationOwners: readonly string[]): string[] {
  return [...new Set([...(schemaOwner !== undefined ? [schemaOwner] : []), ...relationOwners])].sort();
}
