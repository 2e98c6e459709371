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

/** The result of reading the command line: a command, a request for help, or a usage error. */
export type ParsedArgs = MatrixCommand | { command: 'help' } | { command: 'error'; message: string };

/** The usage text printed by --help. */
export const usage = `Usage: warden matrix --url postgres://user:password@host:port/database [--schema S] [--role R]
                     [--format csv|json|jsonl] [--statement-timeout MS]

Prints, for every role and table, the privileges the role holds (aclitem letters,
* = with grant option) and where they come from, row by row as they are computed.
Names are matched exactly. jsonl prints one JSON object per line.
Connecting gives up after 10 seconds; --statement-timeout bounds each query after that
(the server cancels it), and by default a slow but working server is waited for.
Exit status: 0 done (also when the reader of the output stops early, as head does),
2 bad arguments or no connection, 1 any other failure.`;

const valueOptions = ['url', 'schema', 'role', 'format', 'statement-timeout'] as const;
type ValueOption = (typeof valueOptions)[number];

/** Reads `matrix --url U [--schema S] [--role R] [--format csv|json|jsonl] [--statement-timeout MS]` (also `--name=value`). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (command !== 'matrix') return { command: 'error', message: `Unknown command "${command}"; the only command is "matrix" (see --help).` };
  const values: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const m = /^--([a-z-]+)(?:=([\s\S]*))?$/.exec(arg);
    const name = m?.[1] as ValueOption | undefined;
    if (!m || !name || !valueOptions.includes(name)) return { command: 'error', message: `Unknown argument "${arg}" (see --help).` };
    let value = m[2];
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined) return { command: 'error', message: `--${name} needs a value.` };
      i++;
    }
    if (values[name] !== undefined) return { command: 'error', message: `--${name} is given twice.` };
    values[name] = value;
  }
  if (values.url === undefined) return { command: 'error', message: 'matrix needs --url postgres://user:password@host:port/database.' };
  const format = values.format ?? 'csv';
  const known = matrixFormats.find((f) => f === format);
  if (known === undefined) return { command: 'error', message: `--format is csv, json or jsonl, not "${format}".` };
  const timeout = values['statement-timeout'];
  if (timeout !== undefined && !/^[1-9][0-9]{0,8}$/.test(timeout)) {
    return { command: 'error', message: `--statement-timeout is a whole number of milliseconds (1 to 999999999), not "${timeout}".` };
  }
  return { command: 'matrix', url: values.url, schema: values.schema, role: values.role, format: known, statementTimeoutMs: timeout === undefined ? undefined : Number(timeout) };
}
