import type { CatalogSnapshot } from '../../shared/catalog/snapshot';
import type { ConnectionParams } from '../../shared/connections/params';
import type { ConnectionRegistry } from '../backend/connectionRegistry';
import { answerWhyNot, parseQualifiedName } from '../backend/whyNot/proveWhyNot';
import type { WhyCommand } from './args';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './run';
import { whyJson, whyText } from './whyOutput';

/** `warden why`: why a role does or does not hold a privilege on a table, with the proven fix. */
export async function runWhy(args: WhyCommand, registry: ConnectionRegistry, params: ConnectionParams, snapshot: CatalogSnapshot, io: CliIo): Promise<number> {
  const name = parseQualifiedName(args.table);
  if (name === null) {
    io.stderr('warden: --table is schema.table (quote a part with double quotes when it holds a dot).\n');
    return EXIT_USAGE;
  }
  const cell = { role: args.role, ...name, privilege: args.privilege };
  const report = await registry.withClient('cli', params, params.database, (c) => answerWhyNot(c, snapshot, cell));
  await io.stdout(args.format === 'json' ? whyJson(report) : whyText(report));
  return EXIT_OK;
}
