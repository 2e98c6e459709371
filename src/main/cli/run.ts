import { loadCatalogPooled } from '../backend/catalog/loadPooled';
import { ConnectionRegistry } from '../backend/connectionRegistry';
import { UserError } from '../../shared/api/errors';
import { parseConnectionUrl } from '../../shared/connections/params';
import { matrixExport } from '../../shared/privileges/matrixExport';
import { parseArgs, usage } from './args';

/** Where the CLI writes; injected by tests. */
export interface CliIo {
  /**
   * Writes output. Done with the chunk when it returns, or when the promise it returns
   * resolves (the reader took it); throws OutputClosedError once the reader has gone (`| head`).
   */
  stdout: (chunk: string | Uint8Array) => void | Promise<void>;
  stderr: (text: string) => void;
}

/** The reader of the output went away (a closed pipe): the command stops, quietly and successfully. */
export class OutputClosedError extends Error {
  constructor() {
    super('The output was closed by its reader.');
    this.name = 'OutputClosedError';
  }
}

/** Exit status: done. */
export const EXIT_OK = 0;
/** Exit status: an unexpected failure (a server error while reading the catalog). */
export const EXIT_FAILED = 1;
/** Exit status: bad arguments or URL, or the server could not be reached or has no such database. */
export const EXIT_USAGE = 2;
/** Exit status: findings at or above --fail-on. */
export const EXIT_FINDINGS = 3;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Runs the command line and returns the exit status; every message is one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo, timeoutSeconds = 10): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    await io.stdout(`${usage}\n`);
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
  const registry = new ConnectionRegistry(timeoutSeconds, { statementTimeoutMs: args.statementTimeoutMs });
  try {
    const params = parsed.params;
    const snapshot = await loadCatalogPooled(registry, 'cli', params, params.database);
    // why: loaded only for their command; `matrix` starts without findings' and why-not's modules.
    if (args.command === 'why') return await (await import('./whyCommand')).runWhy(args, registry, params, snapshot, io);
    if (args.command === 'findings') return await (await import('./findingsCommand')).runFindings(args, registry, params, snapshot, io);
    if (args.schema !== undefined && !snapshot.schemas.some((s) => s.name === args.schema)) {
      io.stderr(`warden: The database "${snapshot.database.name}" has no schema called "${args.schema}".\n`);
      return EXIT_USAGE;
    }
    if (args.role !== undefined && !snapshot.roles.some((r) => r.name === args.role)) {
      io.stderr(`warden: The server has no role called "${args.role}".\n`);
      return EXIT_USAGE;
    }
    // why: rows are written as they are produced, waiting whenever the reader is slower,
    // so memory stays that of one role's cells however large the catalog.
    // Each chunk's buffer is handed back (next(true)) once io.stdout is done with it.
    const chunks = matrixExport(snapshot, { schema: args.schema, role: args.role }, args.format);
    for (let next = chunks.next(); next.done !== true; next = chunks.next(true)) {
      const wait = io.stdout(next.value);
      if (wait !== undefined) await wait;
    }
    return EXIT_OK;
  } catch (err) {
    if (err instanceof OutputClosedError) return EXIT_OK;
    const message = err instanceof Error ? err.message : String(err);
    if (args.statementTimeoutMs !== undefined && /statement timeout/i.test(message)) {
      io.stderr(
        `warden: The server cancelled reading the catalog after --statement-timeout ${args.statementTimeoutMs} ms. Give it more time (or leave the option out to wait as long as it takes).\n`,
      );
      return EXIT_FAILED;
    }
    io.stderr(`warden: ${oneLine(message)}\n`);
    return err instanceof UserError && err.code === 'connection_failed' ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    await registry.closeAll();
  }
}
