import type { RelationKind } from '../catalog/snapshot';
import type { AclEntry } from './aclResolve';
import { PUBLIC_OID } from './aclResolve';
import {
  ALTER_SYSTEM,
  CONNECT,
  EXECUTE,
  SELECT,
  SET,
  TEMPORARY,
  UPDATE,
  USAGE,
  CREATE,
  databaseRights,
  relationRights,
  schemaRights,
  sequenceRights,
} from './bits';

/**
 * Object type letters of SQL acldefault(): column, relation, sequence, database, function,
 * language, large object, schema, parameter, tablespace, FDW, foreign server, type.
 */
export type AclObjectType = 'c' | 'r' | 's' | 'd' | 'f' | 'l' | 'L' | 'n' | 'p' | 't' | 'F' | 'S' | 'T';

/** [PUBLIC's default, owner's default] per object type, as in acl.c acldefault(). */
function defaults(objtype: AclObjectType, serverMajor: number): [number, number] {
  switch (objtype) {
    case 'c':
      // why: a column's default ACL grants nothing; access comes from the table's ACL.
      return [0, 0];
    case 'r':
      return [0, relationRights(serverMajor)];
    case 's':
      return [0, sequenceRights];
    case 'd':
      // why: "for backwards compatibility" PUBLIC gets TEMPORARY and CONNECT on every
      // database by default (acl.c acldefault, OBJECT_DATABASE).
      return [TEMPORARY | CONNECT, databaseRights];
    case 'f':
      // why: PUBLIC may EXECUTE every new function by default.
      return [EXECUTE, EXECUTE];
    case 'l':
      return [USAGE, USAGE];
    case 'L':
      return [0, SELECT | UPDATE];
    case 'n':
      return [0, schemaRights];
    case 'p':
      return [0, SET | ALTER_SYSTEM];
    case 't':
      return [0, CREATE];
    case 'F':
    case 'S':
      return [0, USAGE];
    case 'T':
      return [USAGE, USAGE];
  }
}

/**
 * The ACL PostgreSQL uses when the stored one is NULL: acldefault(objtype, owner).
 * The owner's entry carries no grant options: those are implicit (see effective.ts).
 */
export function acldefault(objtype: AclObjectType, ownerOid: number, serverMajor: number): AclEntry[] {
  const [world, owner] = defaults(objtype, serverMajor);
  const out: AclEntry[] = [];
  if (world !== 0) out.push({ grantee: PUBLIC_OID, grantor: ownerOid, privileges: world, grantOptions: 0 });
  if (owner !== 0) out.push({ grantee: ownerOid, grantor: ownerOid, privileges: owner, grantOptions: 0 });
  return out;
}

/** The acldefault object type for a relkind: sequences have their own, every other kind is 'r'. */
export function relationAclObjectType(kind: RelationKind): 'r' | 's' {
  // why: pg_class_aclmask_ext builds acldefault(OBJECT_SEQUENCE) for relkind 'S' and
  // acldefault(OBJECT_TABLE) for every other relkind, views and foreign tables included.
  return kind === 'S' ? 's' : 'r';
}
