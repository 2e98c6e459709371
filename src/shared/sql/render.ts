import type { Change } from '../changes/schema';
import { quoteIdent } from './quote';
import { RenderError, planStatements, type PlannedStatement } from './statements';

/** Statement planning lives in statements.ts; re-exported so callers need one import. */
export { RenderError, planStatements, type PlannedStatement } from './statements';

/** The SQL statements for one change on a server major, each ending in `;`. */
export function renderStatements(change: Change, serverMajor: number): string[] {
  return planStatements(change, serverMajor).map((s) => s.sql);
}

/** Where a script will run, for its header and for targeting the right SQL. */
export interface ScriptOptions {
  serverMajor: number;
  /** server_version as the server reports it, e.g. "15.8 (Debian 15.8-0+deb12u1)". */
  serverVersion: string;
  /** The database the session starts in (psql -d). */
  connectedDatabase: string;
  host: string;
  generatedAt: Date | string;
  /**
   * SCRAM verifiers in the script: 'omit' (the default) creates roles without a password and
   * says in a comment how to set it; 'include' writes them, for a script kept as safe as the
   * server's own catalog (a verifier can be attacked offline).
   */
  passwords?: 'omit' | 'include';
}

/** A statement of a script, with the comment lines that follow it. */
type ScriptStatement = PlannedStatement & { notes?: string[] };

/** A change as a script writes it, and the comment lines that follow its statements. */
interface ScriptEntry {
  change: Change;
  notes: string[];
}

/**
 * The change a script writes: without its password verifier when passwords are omitted,
 * with a note saying how to set the password in psql instead. Apply never goes through here.
 */
export function withoutVerifier(change: Change): ScriptEntry {
  if ((change.kind !== 'createRole' && change.kind !== 'alterRole') || change.password?.kind !== 'verifier') {
    return { change, notes: [] };
  }
  const name = change.kind === 'alterRole' ? (change.rename ?? change.name) : change.name;
  // why: psql reads \password's argument as an SQL identifier (unquoted folds to lower case),
  // so the quoted identifier is what to type; a name with a control character cannot sit in a comment.
  const command = commentSafe(name) === name ? `\\password ${quoteIdent(name)}` : '\\password followed by the role\'s name';
  const notes = [
    `-- Password left out: this script holds no password verifier (one can be attacked offline).`,
    `-- Once the script has run, set it in psql with:  ${command}`,
  ];
  if (change.kind === 'createRole') return { change: { ...change, password: { kind: 'none' } }, notes };
  const rest: Change = { ...change };
  delete rest.password;
  return { change: rest, notes };
}

// why: psql forwards [A-Za-z0-9_.] names unchanged; pg_dump's appendPsqlMetaConnect uses the
// same test before falling back to a quoted connection string.
const plainDatabaseName = /^[A-Za-z0-9_.]+$/;

/**
 * A psql `\connect` line for a database, quoted the way pg_dump does it: plain names as an
 * identifier, anything else as a quoted `dbname=` connection string, because psql reads a
 * bare argument containing `=` as a connection string and one starting with a URI prefix as
 * a URI. Host, port and user are reused from the current connection.
 */
export function psqlConnect(database: string): string {
  if (/[\r\n]/.test(database)) {
    throw new RenderError('A database name with a line break cannot be named in a psql \\connect command.');
  }
  if (plainDatabaseName.test(database)) return `\\connect ${quoteIdent(database)}`;
  // why: libpq connection strings escape ' and \ with a backslash inside single quotes;
  // psql keeps double-quoted meta-command arguments verbatim except for doubled quotes.
  const connstr = `dbname='${database.replace(/['\\]/g, '\\$&')}'`;
  return `\\connect -reuse-previous=on "${connstr.replaceAll('"', '""')}"`;
}

// why: header values go into `--` comments; a newline in a host or database name would end
// the comment and turn the rest of the line into SQL.
function commentSafe(text: string): string {
  return Array.from(text, (ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? '?' : ch)).join('');
}

/**
 * A complete psql script for the changes: a header, ON_ERROR_STOP, one BEGIN … COMMIT block per
 * run of statements in the same database, CREATE DATABASE on its own outside any block, and a
 * `\connect` whenever a change belongs to another database. Changes keep their order.
 */
export function renderScript(changes: readonly Change[], options: ScriptOptions): string {
  const when = typeof options.generatedAt === 'string' ? options.generatedAt : options.generatedAt.toISOString();
  const lines: string[] = [
    '-- Warden change script',
    `-- Server:    ${commentSafe(options.host)}, PostgreSQL ${commentSafe(options.serverVersion)}`,
    `-- Database:  ${commentSafe(options.connectedDatabase)}`,
    `-- Generated: ${commentSafe(when)}`,
    '-- Run it with psql, connected to the database above and not in single-transaction mode (-1).',
    '',
    '\\set ON_ERROR_STOP on',
    "SET client_encoding = 'UTF8';",
  ];
  const entries = changes.map((c) => (options.passwords === 'include' ? { change: c, notes: [] } : withoutVerifier(c)));
  const statements = entries.flatMap(({ change, notes }): ScriptStatement[] => {
    const planned = planStatements(change, options.serverMajor);
    const last = planned[planned.length - 1];
    if (notes.length === 0) return planned;
    // why: an ALTER ROLE that only set a password has no statement left; its note stands alone.
    if (last === undefined) return [{ sql: '', database: null, transactional: true, notes }];
    return [...planned.slice(0, -1), { ...last, notes }];
  });
  if (statements.length === 0) lines.push('', '-- No changes.');
  if (entries.some((e) => e.notes.length > 0)) {
    lines.splice(5, 0, '-- Passwords are left out (see the notes below); set each one with psql\'s \\password after the script.');
  }

  let current = options.connectedDatabase;
  let inTransaction = false;
  const commit = (): void => {
    if (inTransaction) lines.push('COMMIT;');
    inTransaction = false;
  };
  for (const statement of statements) {
    if (statement.sql === '') {
      lines.push(...(statement.notes ?? []));
      continue;
    }
    if (!statement.transactional) {
      commit();
      lines.push('', `-- ${statement.sql.split(' ', 2).join(' ')} cannot run inside a transaction block.`, statement.sql);
      continue;
    }
    const target = statement.database ?? current;
    if (target !== current) {
      commit();
      // why: grants inside a database are stored in that database's catalogs, so the
      // session has to move there; client_encoding resets with the new connection.
      lines.push('', psqlConnect(target), "SET client_encoding = 'UTF8';");
      current = target;
    }
    if (!inTransaction) {
      lines.push('', 'BEGIN;');
      inTransaction = true;
    }
    lines.push(statement.sql, ...(statement.notes ?? []));
  }
  commit();
  return `${lines.join('\n')}\n`;
}
