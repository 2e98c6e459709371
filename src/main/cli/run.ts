import { loadCatalogPooled } from '../backend/catalog/loadPooled';
import { ConnectionRegistry } from '../backend/connectionRegistry';
import { UserError } from '../../shared/api/errors';
import { parseConnectionUrl } from '../../shared/connections/params';
import { matrixCsv, matrixJson, matrixRows } from '../../shared/privileges/matrixRows';
import { atLeast } from '../../shared/findings/finding';
import { listFindings } from '../backend/findings/listFindings';
import { serverInfo } from '../backend/treeQueries';
import { parseArgs, usage, type FindingsCommand } from './args';
import { findingsJson, findingsSarif, findingsText } from './findingsOutput';

/** Where the CLI writes; injected by tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit status: done. */
export const EXIT_OK = 0;
/** Exit status: an unexpected failure (a server error while reading the catalog). */
export const EXIT_FAILED = 1;
/** Exit status: bad arguments or URL, or the server could not be reached or has no such database. */
export const EXIT_USAGE = 2;
/** Exit status: findings at or above --fail-on. */
export const EXIT_FINDINGS = 3;

/** The version written into SARIF output. */
const cliVersion = '0.1.0';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Runs the command line and returns the exit status; every message is one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo, timeoutSeconds = 10): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    io.stdout(`${usage}\n`);
    return EXIT_OK;
  }
  if (args.command === 'error') {
    io.stderr(`warden: ${args.message}\n`);
    return EXIT_USAGE;
  }
  const parsed = parseConnectionUrl(args.url);
  if (!parsed.ok) {
    io.stderr(`warden: ${oneLine(parsed.message)}\n`);
    return EXIT_USAGE;
  }
  const registry = new ConnectionRegistry(timeoutSeconds);
  try {
    const params = parsed.params;
    const snapshot = await loadCatalogPooled(registry, 'cli', params, params.database);
    if (args.command === 'findings') {
      const info = await registry.withClient('cli', params, params.database, serverInfo);
      return printFindings(args, listFindings(snapshot, info.currentUser, new Map()), io);
    }
    if (args.schema !== undefined && !snapshot.schemas.some((s) => s.name === args.schema)) {
      io.stderr(`warden: The database "${snapshot.database.name}" has no schema called "${args.schema}".\n`);
      return EXIT_USAGE;
    }
    if (args.role !== undefined && !snapshot.roles.some((r) => r.name === args.role)) {
      io.stderr(`warden: The server has no role called "${args.role}".\n`);
      return EXIT_USAGE;
    }
    const rows = matrixRows(snapshot, { schema: args.schema, role: args.role });
    io.stdout(args.format === 'json' ? matrixJson(rows) : matrixCsv(rows));
    return EXIT_OK;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`warden: ${oneLine(message)}\n`);
    return err instanceof UserError && err.code === 'connection_failed' ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    await registry.closeAll();
  }
}

/** Prints findings in the asked format; 3 when one is at or above --fail-on. */
function printFindings(args: FindingsCommand, result: ReturnType<typeof listFindings>, io: CliIo): number {
  const { findings } = result;
  if (args.format === 'json') io.stdout(findingsJson(findings));
  else if (args.format === 'sarif') io.stdout(findingsSarif(findings, cliVersion));
  else io.stdout(findingsText(result.database, findings, result.notChecked));
  return findings.some((f) => atLeast(f.severity, args.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
