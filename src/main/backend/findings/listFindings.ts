import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { Output } from '../../../shared/api/contract';
import { computeFindings } from '../../../shared/findings/computeFindings';
import type { Finding } from '../../../shared/findings/finding';
import { RenderError, renderStatements } from '../../../shared/sql/render';
import type { Acknowledgement } from './acknowledgements';

/** The SQL a finding's fix renders to on this server (what the CLI prints and the panel shows). */
export function fixSql(finding: Finding, serverMajor: number): { sql: string; fix: Finding['fix'] } {
  try {
    return { sql: finding.fix.flatMap((c) => renderStatements(c, serverMajor)).join('\n'), fix: finding.fix };
  } catch (err) {
    // why: a fix this server cannot run is not offered at all, rather than half of it.
    if (err instanceof RenderError) return { sql: '', fix: [] };
    throw err;
  }
}

/** findings.list: the rules over a snapshot, each finding with its SQL and its acknowledgement, timed. */
export function listFindings(
  snapshot: CatalogSnapshot,
  currentUser: string,
  acks: ReadonlyMap<string, Acknowledgement>,
  now: Date = new Date(),
): Output<'findings.list'> {
  const started = performance.now();
  const { findings, notChecked } = computeFindings(snapshot, { now, currentUser });
  const computeMs = performance.now() - started;
  return {
    database: snapshot.database.name,
    serverMajor: snapshot.serverMajor,
    findings: findings.map((f) => {
      const { sql, fix } = fixSql(f, snapshot.serverMajor);
      return { ...f, fix, fixSql: sql, acknowledged: acks.get(f.key) ?? null };
    }),
    notChecked,
    computeMs,
  };
}
