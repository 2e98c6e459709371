import { UserError } from '../../shared/api/errors';
import type { ConnectionParams } from '../../shared/connections/params';

type Target = Pick<ConnectionParams, 'host' | 'port' | 'user' | 'database'>;

function codeOf(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

/**
 * Turns what pg and the network throw while connecting into a message a DBA can act on,
 * naming the form field to fix. The text never includes the password.
 */
export function connectionError(err: unknown, target: Target, timeoutSeconds: number): UserError {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const where = `${target.host}:${target.port}`;
  const fail = (text: string, field?: string) => new UserError('connection_failed', text, field);
  switch (code) {
    case '28P01':
      return fail(`The password for user "${target.user}" was not accepted.`, 'password');
    case '3D000':
      return fail(`The server has no database called "${target.database}".`, 'database');
    case '28000':
      if (/no encryption/i.test(message)) {
        return fail('The server only accepts encrypted connections: choose sslmode "require" or stricter.', 'sslmode');
      }
      return fail(`The server refused user "${target.user}" from this machine (pg_hba.conf has no rule allowing it).`, 'user');
    case '53300':
      return fail('The server has no free connection slots right now; try again later.');
    case '57P03':
      return fail('The server is starting up or shutting down; try again in a moment.');
    case 'ECONNREFUSED':
      return fail(`Nothing is listening at ${where}. Is the server running, and is the port right?`, 'port');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`The host "${target.host}" could not be found.`, 'host');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`The host "${target.host}" cannot be reached from this machine.`, 'host');
    case 'ECONNRESET':
      return fail(`The connection to ${where} was closed by the other side.`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
      return fail(`The server's certificate could not be verified (${message}). Use sslmode "require" to encrypt without verifying.`, 'sslmode');
  }
  if (/does not support SSL/i.test(message)) {
    return fail('The server does not accept encrypted connections: choose sslmode "disable" or "prefer".', 'sslmode');
  }
  if (/timeout|timed out/i.test(message) || code === 'ETIMEDOUT') {
    return fail(`The server at ${where} did not answer within ${timeoutSeconds} seconds.`, 'host');
  }
  if (/SASL|SCRAM|password/i.test(message)) {
    return fail(`User "${target.user}" needs a password on this server.`, 'password');
  }
  return fail(`Could not connect to ${where}: ${message}`);
}

// why: before 16, several refusals do not say which right is missing; these name it.
const missingRight: [RegExp, string][] = [
  [/^permission denied to create role$/, 'Creating roles needs CREATEROLE.'],
  [/^permission denied to (drop|rename) role$/, 'This needs CREATEROLE (and, from PostgreSQL 16 on, ADMIN OPTION on the role).'],
  [/^permission denied$/, 'Altering another role needs CREATEROLE.'],
  [/^permission denied to create database$/, 'Creating a database needs CREATEDB.'],
  [/^permission denied to (reassign|drop) objects$/, 'This needs the privileges of every role named (membership that inherits them).'],
  [/^permission denied for (table|sequence|schema|database|function|view|materialized view|foreign table)\b/, 'Granting needs ownership of the object or the privilege WITH GRANT OPTION.'],
];

/**
 * A server error in the server's own words plus its detail (from 16 on, the detail names the
 * missing right), and for a permission error the right it lacked when the server does not say.
 */
export function serverErrorWords(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const detail = err && typeof err === 'object' && 'detail' in err && typeof err.detail === 'string' ? err.detail : '';
  const words = detail === '' ? message : `${message}. ${detail}`;
  if (codeOf(err) !== '42501') return words;
  const hint = detail === '' ? missingRight.find(([re]) => re.test(message))?.[1] : undefined;
  return `Permission denied: ${words}${hint === undefined ? '' : ` ${hint}`}`;
}

/** A server error during a query, in the server's own words (which never hold our secrets). */
export function queryError(err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (codeOf(err) === '42501') return new UserError('server_error', serverErrorWords(err));
  return new UserError('server_error', `The server reported an error: ${serverErrorWords(err)}`);
}
