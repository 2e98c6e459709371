import { DELETE, INSERT, MAINTAIN, SELECT, UPDATE, USAGE } from './bits';

/** pg_database_owner (14+): the current database's owner is implicitly its member. */
export const PG_DATABASE_OWNER_OID = 6171;
/** pg_read_all_data (14+). */
export const PG_READ_ALL_DATA_OID = 6181;
/** pg_write_all_data (14+). */
export const PG_WRITE_ALL_DATA_OID = 6182;
/** pg_maintain (17+). */
export const PG_MAINTAIN_OID = 6337;

/** A predefined role that grants privileges without any ACL entry. */
export interface PredefinedGrant {
  /** Fixed oid (from pg_authid.dat; stable across releases). */
  oid: number;
  /** Role name for display. */
  name: string;
  /** First server major that has it. */
  sinceMajor: number;
  /** Privileges it gives on every relation (masked by what the relkind supports). */
  relationPrivileges: number;
  /** Privileges it gives on every schema. */
  schemaPrivileges: number;
}

/**
 * Predefined roles checked by aclchk.c after the ACL (pg_class_aclmask_ext and
 * pg_namespace_aclmask), for anyone who has their privileges (inheritance like any role).
 */
export const predefinedGrants: readonly PredefinedGrant[] = [
  // why: docs "Predefined Roles": pg_read_all_data = SELECT on all tables, views and
  // sequences plus USAGE on all schemas; pg_write_all_data = INSERT, UPDATE, DELETE plus
  // USAGE on schemas. aclchk.c applies them to every relkind, sequences included (so
  // pg_write_all_data yields UPDATE on sequences, never INSERT/DELETE, which sequences lack).
  {
    oid: PG_READ_ALL_DATA_OID,
    name: 'pg_read_all_data',
    sinceMajor: 14,
    relationPrivileges: SELECT,
    schemaPrivileges: USAGE,
  },
  {
    oid: PG_WRITE_ALL_DATA_OID,
    name: 'pg_write_all_data',
    sinceMajor: 14,
    relationPrivileges: INSERT | UPDATE | DELETE,
    schemaPrivileges: USAGE,
  },
  // why: pg_maintain (17+) = MAINTAIN on every relation; it gives no schema USAGE.
  { oid: PG_MAINTAIN_OID, name: 'pg_maintain', sinceMajor: 17, relationPrivileges: MAINTAIN, schemaPrivileges: 0 },
];

/** The predefined grants that exist on a server major. */
export function predefinedGrantsFor(serverMajor: number): PredefinedGrant[] {
  return predefinedGrants.filter((g) => serverMajor >= g.sinceMajor);
}
