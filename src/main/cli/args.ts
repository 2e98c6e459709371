import type { Severity } from '../../shared/findings/finding';
import { matrixFormats, type MatrixFormat } from '../../shared/privileges/matrixExport';

/** What `warden matrix` was asked to do. */
export interface MatrixCommand {
  command: 'matrix';
  url: string;
  schema?: string | undefined;
  role?: string | undefined;
  format: MatrixFormat;
  /** Milliseconds the server may spend on each statement (server-side statement_timeout); none when absent. */
  statementTimeoutMs?: number | undefined;
}

/** What `warden findings` was asked to do. */
export interface FindingsCommand {
  command: 'findings';
  url: string;
  format: 'text' | 'json' | 'sarif';
  /** Exit 3 when a finding at or above this severity is found. */
  failOn: Severity;
  /** As for matrix. */
  statementTimeoutMs?: number | undefined;
}

/** What `warden why` was asked to do. */
export interface WhyCommand {
  command: 'why';
  url: string;
  role: string;
  /** schema.table as typed (either part may be double-quoted). */
  table: string;
  privilege: string;
  format: 'text' | 'json';
  /** As for matrix. */
  statementTimeoutMs?: number | undefined;
}

/** The result of reading the command line: a command, a request for help, or a usage error. */
export type ParsedArgs = MatrixCommand | FindingsCommand | WhyCommand | { command: 'help' } | { command: 'error'; message: string };

/** The usage text printed by --help. */
export const usage = `Usage: warden matrix --url postgres://user:password@host:port/database [--schema S] [--role R]
                     [--format csv|json|jsonl] [--statement-timeout MS]
       warden findings --url postgres://user:password@host:port/database [--format text|json|sarif] [--fail-on high|medium|low]
                       [--statement-timeout MS]
       warden why --url postgres://… --role R --table schema.table --privilege SELECT [--format text|json]

matrix prints, for every role and table, the privileges the role holds (aclitem letters,
* = with grant option) and where they come from, row by row as they are computed.
Names are matched exactly. jsonl prints one JSON object per line.
Connecting gives up after 10 seconds; --statement-timeout bounds each query after that
(the server cancels it), and by default a slow but working server is waited for.

findings prints what is wrong with the database's access setup (superusers with grants,
logins without a password, CONNECT for PUBLIC, …), each with the SQL that fixes it.
--fail-on (default low) sets the severity that makes the exit status 3.

why says why a role lacks a privilege on a table, layer by layer, and the smallest fixes,
each proven on the server inside BEGIN … ROLLBACK (nothing is changed).

Exit status: 0 done (also when the reader of the output stops early, as head does;
findings: nothing at or above --fail-on), 3 findings at or above --fail-on,
2 bad arguments or no connection, 1 any other failure.`;

const commands = {
  matrix: ['url', 'schema', 'role', 'format', 'statement-timeout'],
  findings: ['url', 'format', 'fail-on', 'statement-timeout'],
  why: ['url', 'role', 'table', 'privilege', 'format', 'statement-timeout'],
} as const;
type CommandName = keyof typeof commands;

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name);
}

/** Reads `matrix …` or `findings …` (options also as `--name=value`). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (!isCommand(command)) return { command: 'error', message: `Unknown command "${command}"; the commands are "matrix", "findings" and "why" (see --help).` };
  const allowed: readonly string[] = commands[command];
  const values: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const m = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(arg);
    const name = m?.[1];
    if (!m || name === undefined || !allowed.includes(name)) return { command: 'error', message: `Unknown argument "${arg}" (see --help).` };
    let value = m[2];
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined) return { command: 'error', message: `--${name} needs a value.` };
      i++;
    }
    if (values[name] !== undefined) return { command: 'error', message: `--${name} is given twice.` };
    values[name] = value;
  }
  const url = values.url;
  if (url === undefined) return { command: 'error', message: `${command} needs --url postgres://user:password@host:port/database.` };
  const timeout = values['statement-timeout'];
  if (timeout !== undefined && !/^[1-9][0-9]{0,8}$/.test(timeout)) {
    return { command: 'error', message: `--statement-timeout is a whole number of milliseconds (1 to 999999999), not "${timeout}".` };
  }
  const statementTimeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (command === 'why') {
    const { role, table, privilege } = values;
    if (role === undefined || table === undefined || privilege === undefined) return { command: 'error', message: 'why needs --role, --table schema.table and --privilege.' };
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') return { command: 'error', message: `--format is text or json, not "${format}".` };
    return { command: 'why', url, role, table, privilege, format, statementTimeoutMs };
  }
  if (command === 'findings') {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif') return { command: 'error', message: `--format is text, json or sarif, not "${format}".` };
    const failOn = values['fail-on'] ?? 'low';
    if (failOn !== 'high' && failOn !== 'medium' && failOn !== 'low') return { command: 'error', message: `--fail-on is high, medium or low, not "${failOn}".` };
    return { command: 'findings', url, format, failOn, statementTimeoutMs };
  }
  const format = values.format ?? 'csv';
  const known = matrixFormats.find((f) => f === format);
  if (known === undefined) return { command: 'error', message: `--format is csv, json or jsonl, not "${format}".` };
  return { command: 'matrix', url, schema: values.schema, role: values.role, format: known, statementTimeoutMs };
}
