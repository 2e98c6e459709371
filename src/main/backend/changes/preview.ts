import type pg from 'pg';
import { changeSchema, type Change } from '../../../shared/changes/schema';
import { validateChanges, type IndexedProblem, type ValidationContext } from '../../../shared/changes/validate';
import { planStatements, renderScript } from '../../../shared/sql/render';
import { authorityProblemsAll } from '../../../shared/changes/authority';
import { readAuthority, readGrantRights, type OnDb } from '../authority';
import { listSchemas, serverInfo } from '../treeQueries';
import { fingerprintOf, readProbes, type ApplyDeps } from './apply';

/** What a preview returns: the script main would run, or the problems that stop it. */
export interface Preview {
  script: string;
  /** Hashes of the objects the changes touch, as read now; apply refuses if they differ. */
  fingerprint: string;
  problems: IndexedProblem[];
  statementCount: number;
}

/** Opens a client on one database of the same server, runs `fn`, releases it. */
export type OnDatabase = <T>(database: string, fn: (c: pg.ClientBase) => Promise<T>) => Promise<T>;

function databasesNamed(changes: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  for (const input of changes) {
    const parsed = changeSchema.safeParse(input);
    if (parsed.success && 'database' in parsed.data && typeof parsed.data.database === 'string') out.add(parsed.data.database);
  }
  return out;
}

/**
 * Validates staged changes against the live server (names that exist, version rules) and
 * renders the script for its major. The same function runs again before Apply, so what is
 * applied is what was previewed — rendered in main from changes, never SQL from the UI.
 */
export async function previewChanges(
  connectedDatabase: string,
  host: string,
  changes: readonly unknown[],
  onDatabase: OnDatabase,
  acquire: ApplyDeps['acquire'],
  options: { passwords?: 'omit' | 'include'; now?: Date } = {},
): Promise<Preview> {
  const now = options.now ?? new Date();
  const { info, roles, databases } = await onDatabase(connectedDatabase, async (c) => ({
    info: await serverInfo(c),
    roles: (await c.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname),
    databases: (await c.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname),
  }));
  const schemas = new Map<string, Set<string>>();
  for (const db of databasesNamed(changes)) {
    if (!databases.includes(db)) continue;
    const names = await onDatabase(db, listSchemas);
    schemas.set(db, new Set(names.map((s) => s.name)));
  }
  const ctx: ValidationContext = {
    serverMajor: info.major,
    roles: new Set(roles),
    databases: new Set(databases),
    schemas,
    currentUser: info.currentUser,
    bootstrapSuperuser: info.bootstrapSuperuser,
  };
  const problems = validateChanges(changes, ctx);
  if (problems.length > 0) return { script: '', fingerprint: '', problems, statementCount: 0 };
  const parsed: Change[] = changes.map((c) => changeSchema.parse(c));
  // why: what the server would refuse for lack of a right is refused here, in plain words,
  // before anything runs (docs/privileges.md §6); a superuser may do all of it.
  const authority = await onDatabase(connectedDatabase, readAuthority);
  if (!authority.superuser) {
    const on: OnDb = (database, fn) => onDatabase(database ?? connectedDatabase, fn);
    const grants = [];
    for (const change of parsed) grants.push(await readGrantRights(change, info.major, on));
    const refused = authorityProblemsAll(parsed, authority, grants);
    if (refused.length > 0) return { script: '', fingerprint: '', problems: refused, statementCount: 0 };
  }
  const fingerprint = fingerprintOf(await readProbes(parsed, { connectedDatabase, serverMajor: info.major, acquire }));
  const script = renderScript(parsed, { serverMajor: info.major, serverVersion: info.version, connectedDatabase, host, generatedAt: now, passwords: options.passwords ?? 'omit' });
  // why: count the changes' own statements, not the script's BEGIN/COMMIT/SET scaffolding.
  const statementCount = parsed.reduce((n, c) => n + planStatements(c, info.major).length, 0);
  return { script, fingerprint, problems: [], statementCount };
}
