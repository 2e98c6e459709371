import type { CatalogSnapshot } from '../catalog/snapshot';
import { changeSchema, type Change, type ChangeInput } from '../changes/schema';
import { validateChanges, type IndexedProblem, type ValidationContext } from '../changes/validate';
import { createDatabase, createSchema, databaseAcl, defaultPrivileges, schemaAcl, schemaWideAcl, tableAcl } from './objectChanges';
import { addMember, alterRole, createRole, dropOwned, dropRole, reassignOwned, removeMember } from './roleChanges';
import { ProjectionState, type ProjectedDatabase } from './state';

export type { ProjectedDatabase } from './state';

/** What the projection knows besides the snapshot. */
export interface ProjectionOptions {
  /** The role the changes will run as (session_user); owns new schemas and databases by default. */
  currentUser?: string;
  /**
   * Every database of the server with its owner, when known: changes naming other databases
   * are then checked against them, and `databases` in the result lists them.
   */
  databases?: readonly { name: string; owner: string }[];
}

/** The catalog as it will be after Apply, and what in it exists only because of staged changes. */
export interface Projection {
  /** The snapshot after every valid change; the input snapshot itself when none touches it. */
  snapshot: CatalogSnapshot;
  /** Oids (made up, stable per name) of roles that only staged changes create. */
  stagedRoles: ReadonlySet<number>;
  /** Oids (made up, stable per name) of schemas of this database that only staged changes create. */
  stagedSchemas: ReadonlySet<number>;
  /** The server's databases after the changes (those of the options plus the created ones). */
  databases: readonly ProjectedDatabase[];
  /**
   * Changes left out, with why: those validateChanges rejects in order (as the backend does
   * before Apply), so a change that needs an unstaged role says so here.
   */
  problems: readonly IndexedProblem[];
}

/** The validation context the snapshot itself gives: its roles, its schemas, the known databases. */
export function validationContextOf(snapshot: CatalogSnapshot, options: ProjectionOptions = {}): ValidationContext {
  const bootstrap = snapshot.roles.find((r) => r.oid === 10)?.name;
  return {
    serverMajor: snapshot.serverMajor,
    roles: new Set(snapshot.roles.map((r) => r.name)),
    databases: new Set([snapshot.database.name, ...(options.databases ?? []).map((d) => d.name)]),
    schemas: new Map([[snapshot.database.name, new Set(snapshot.schemas.map((s) => s.name))]]),
    ...(options.currentUser === undefined ? {} : { currentUser: options.currentUser }),
    ...(bootstrap === undefined ? {} : { bootstrapSuperuser: bootstrap }),
  };
}

function applyChange(s: ProjectionState, c: Change, currentUser: string | undefined): void {
  switch (c.kind) {
    case 'createRole':
      return createRole(s, c, currentUser);
    case 'alterRole':
      return alterRole(s, c);
    case 'dropRole':
      return dropRole(s, c);
    case 'reassignOwned':
      return reassignOwned(s, c);
    case 'dropOwned':
      return dropOwned(s, c);
    case 'addMember':
      return addMember(s, c, currentUser);
    case 'removeMember':
      return removeMember(s, c, currentUser);
    case 'grantTable':
    case 'revokeTable':
      return tableAcl(s, c);
    case 'grantAllTablesInSchema':
    case 'revokeAllTablesInSchema':
      return schemaWideAcl(s, c);
    case 'grantSchema':
    case 'revokeSchema':
      return schemaAcl(s, c);
    case 'grantDatabase':
    case 'revokeDatabase':
      return databaseAcl(s, c);
    case 'alterDefaultPrivileges':
      return defaultPrivileges(s, c);
    case 'createDatabase':
      return createDatabase(s, c, currentUser);
    case 'createSchema':
      return createSchema(s, c, currentUser);
  }
}

/**
 * The catalog of one database as it will be after the staged changes run, in order: what
 * every view reads so that staged roles, groups, schemas and grants show before Apply. Pure:
 * the input is not changed. It follows the server's rules for a superuser session (GRANT and
 * REVOKE act as the object's owner); column privileges are left to the columns panel.
 */
export function projectSnapshot(snapshot: CatalogSnapshot, changes: readonly ChangeInput[], options: ProjectionOptions = {}): Projection {
  const state = new ProjectionState(snapshot, options.databases ?? []);
  const problems = changes.length === 0 ? [] : validateChanges(changes, validationContextOf(snapshot, options));
  const rejected = new Set(problems.map((p) => p.index));
  changes.forEach((input, index) => {
    if (rejected.has(index)) return;
    applyChange(state, changeSchema.parse(input), options.currentUser);
  });
  return {
    snapshot: state.finish(),
    stagedRoles: state.stagedRoles,
    stagedSchemas: state.stagedSchemas,
    databases: state.databases,
    problems,
  };
}
