import { z } from 'zod';
import type { ChangeInput } from '../changes/schema';

/**
 * A role's footprint: what it owns and holds across the cluster, read before dropping it.
 * DROP ROLE fails while any database still records an object it owns or a privilege it
 * holds, so the drop form reassigns and drops those first, database by database.
 */

/** How many objects of one kind, and the first few of their names (sorted). */
export const footprintSampleSchema = z.object({
  count: z.number().int().nonnegative(),
  names: z.array(z.string()),
});
/** How many objects of one kind, and the first few names. */
export type FootprintSample = z.infer<typeof footprintSampleSchema>;

/** At most this many names per kind are listed; `count` has the full number. */
export const footprintSampleSize = 5;

/** What the role owns and holds inside one database that Warden could open. */
export const databaseInsideSchema = z.object({
  owned: z.object({
    schemas: footprintSampleSchema,
    /** Tables, views, materialized views, sequences, foreign and partitioned tables. */
    relations: footprintSampleSchema,
    /** Functions, procedures and aggregates. */
    functions: footprintSampleSchema,
    types: footprintSampleSchema,
    /** Anything else (operators, collations, publications, …), in the server's own words. */
    other: footprintSampleSchema,
  }),
  /** Objects owned by someone else whose ACL names the role as grantee. */
  privileges: z.object({
    schemas: footprintSampleSchema,
    relations: footprintSampleSchema,
    functions: footprintSampleSchema,
    /** Other privileges and policies naming the role, in the server's own words. */
    other: footprintSampleSchema,
  }),
  defaultPrivileges: z.object({
    /** ALTER DEFAULT PRIVILEGES FOR ROLE this role: rules for objects it will create. */
    forRole: footprintSampleSchema,
    /** Other roles' default privileges that grant to this role. */
    grantedTo: footprintSampleSchema,
  }),
});
/** What the role owns and holds inside one database. */
export type DatabaseInside = z.infer<typeof databaseInsideSchema>;

/** One database of the cluster, as far as the role is concerned. */
export const databaseFootprintSchema = z.object({
  database: z.string(),
  /** The role owns the database itself. */
  ownsDatabase: z.boolean(),
  /** Privileges on the database itself granted to the role (the role's own as owner left out). */
  databasePrivileges: z.array(z.string()),
  /** Rows in pg_shdepend for the role in this database: what DROP ROLE checks, known even when not checked. */
  recordedDependencies: z.number().int().nonnegative(),
  check: z.discriminatedUnion('status', [
    z.object({ status: z.literal('checked'), inside: databaseInsideSchema }),
    z.object({ status: z.literal('not-checked'), reason: z.string() }),
  ]),
});
/** One database of the cluster, as far as the role is concerned. */
export type DatabaseFootprint = z.infer<typeof databaseFootprintSchema>;

/** Everything roles.footprint returns. */
export const roleFootprintSchema = z.object({
  role: z.string(),
  databases: z.array(databaseFootprintSchema),
  /** Roles this role is a member of. DROP ROLE removes the memberships itself. */
  memberOf: z.array(z.string()),
  /** Roles that are members of this role. */
  members: z.array(z.string()),
  /** Shared objects other than databases it owns or holds privileges on (tablespaces, parameters), in the server's words. */
  sharedOther: z.array(z.string()),
  /** Rows in pg_shdepend for the role on shared objects; REASSIGN/DROP OWNED in any database handle them. */
  sharedDependencies: z.number().int().nonnegative(),
});
/** Everything roles.footprint returns. */
export type RoleFootprint = z.infer<typeof roleFootprintSchema>;

/** Total number of things the role owns or holds inside one checked database. */
export function insideCount(inside: DatabaseInside): number {
  const groups = [inside.owned, inside.privileges, inside.defaultPrivileges];
  return groups.reduce((n, group) => n + Object.values(group).reduce((m, s) => m + s.count, 0), 0);
}

/** The databases whose REASSIGN/DROP OWNED a drop needs: checked ones where the role owns or holds something. */
export function databasesToClean(footprint: RoleFootprint, connectedDatabase: string): string[] {
  const checked = footprint.databases.filter((d) => d.check.status === 'checked');
  const out = checked
    .filter((d) => d.recordedDependencies > 0 || (d.check.status === 'checked' && insideCount(d.check.inside) > 0))
    .map((d) => d.database);
  const shared =
    footprint.sharedDependencies > 0 ||
    footprint.sharedOther.length > 0 ||
    footprint.databases.some((d) => d.ownsDatabase || d.databasePrivileges.length > 0);
  if (shared && out.length === 0) {
    // why: shared objects (databases it owns, database grants) are handled by REASSIGN/DROP
    // OWNED in whatever database they run; the connected one is the natural place.
    const where = checked.find((d) => d.database === connectedDatabase) ?? checked[0];
    if (where !== undefined) out.push(where.database);
  }
  // why: the connected database goes last, so its cleanup shares one transaction with DROP ROLE.
  return [...out.filter((d) => d !== connectedDatabase), ...out.filter((d) => d === connectedDatabase)];
}

/** Databases Warden could not look into where the shared catalog still records something for the role. */
export function uncheckedWithDependencies(footprint: RoleFootprint): DatabaseFootprint[] {
  return footprint.databases.filter((d) => d.check.status === 'not-checked' && d.recordedDependencies > 0);
}

/**
 * The changes that drop a role cleanly: in each database where it owns or holds something,
 * REASSIGN OWNED to the new owner then DROP OWNED (which revokes what it was granted), and
 * finally DROP ROLE.
 */
export function planRoleDrop(footprint: RoleFootprint, newOwner: string, connectedDatabase: string): ChangeInput[] {
  const roles = [footprint.role];
  const cleanup = databasesToClean(footprint, connectedDatabase).flatMap((database): ChangeInput[] => [
    { kind: 'reassignOwned', database, roles, newOwner },
    { kind: 'dropOwned', database, roles },
  ]);
  return [...cleanup, { kind: 'dropRole', name: footprint.role }];
}
