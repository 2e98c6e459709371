import type { CatalogSnapshot } from '../../shared/catalog/snapshot';
import type { ConnectionParams } from '../../shared/connections/params';
import { atLeast } from '../../shared/findings/finding';
import type { ConnectionRegistry } from '../backend/connectionRegistry';
import { listFindings } from '../backend/findings/listFindings';
import { serverInfo } from '../backend/treeQueries';
import type { FindingsCommand } from './args';
import { findingsJson, findingsSarif, findingsText } from './findingsOutput';
import { EXIT_FINDINGS, EXIT_OK, type CliIo } from './run';

/** The version written into SARIF output. */
const cliVersion = '0.1.0';

/** `warden findings`: prints findings in the asked format; 3 when one is at or above --fail-on. */
export async function runFindings(args: FindingsCommand, registry: ConnectionRegistry, params: ConnectionParams, snapshot: CatalogSnapshot, io: CliIo): Promise<number> {
  const info = await registry.withClient('cli', params, params.database, serverInfo);
  const result = listFindings(snapshot, info.currentUser, new Map());
  const { findings } = result;
  const text =
    args.format === 'json' ? findingsJson(findings) : args.format === 'sarif' ? findingsSarif(findings, cliVersion) : findingsText(result.database, findings, result.notChecked);
  await io.stdout(text);
  return findings.some((f) => atLeast(f.severity, args.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
