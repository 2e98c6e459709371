import type { ListedFinding } from '../../shared/api/contract';
import type { FindingObject, NotChecked, Severity } from '../../shared/findings/finding';
import { ruleIds } from '../../shared/findings/finding';

/** One finding as `findings --format json` prints it (a stable shape for scripts). */
export interface FindingJson {
  rule: string;
  severity: Severity;
  message: string;
  objects: FindingObject[];
  /** The SQL the staged fix renders to; empty when there is no automatic fix. */
  fix: string;
}

/** The JSON array of findings. */
export function findingsJson(findings: readonly ListedFinding[]): string {
  const rows: FindingJson[] = findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, objects: f.objects, fix: f.fixSql }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const indent = (text: string, prefix: string) => text.split('\n').map((l) => `${prefix}${l}`).join('\n');

/** Plain text for people: one block per finding, worst first, then what was not checked. */
export function findingsText(database: string, findings: readonly ListedFinding[], notChecked: readonly NotChecked[]): string {
  const counts = (['high', 'medium', 'low'] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const out = [`Findings in ${database}: ${findings.length === 0 ? 'none' : counts}`];
  for (const f of findings) {
    out.push('', `${f.severity.toUpperCase()}  ${f.rule}: ${f.title}`, indent(f.message, '  '));
    out.push(f.fixSql === '' ? `  Fix: ${f.fixSummary}` : `  Fix: ${f.fixSummary}\n${indent(f.fixSql, '    ')}`);
  }
  for (const n of notChecked) out.push('', `NOT CHECKED  ${n.rule}: ${n.reason}`);
  return `${out.join('\n')}\n`;
}

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };

function qualifiedName(o: FindingObject): string {
  return [o.database, o.schema, o.name].filter((p) => p !== null).join('.');
}

/** SARIF 2.1.0, for code-scanning dashboards: one result per finding, objects as logical locations. */
export function findingsSarif(findings: readonly ListedFinding[], version: string): string {
  const used = ruleIds.filter((id) => findings.some((f) => f.rule === id));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Warden',
            version,
            rules: used.map((id) => {
              const first = findings.find((f) => f.rule === id);
              return { id, name: id, shortDescription: { text: id.replaceAll('-', ' ') }, defaultConfiguration: { level: sarifLevel[first?.severity ?? 'low'] } };
            }),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: used.indexOf(f.rule),
          level: sarifLevel[f.severity],
          message: { text: `${f.title}. ${f.message}` },
          partialFingerprints: { wardenKey: f.key },
          locations: f.objects.slice(0, 20).map((o) => ({ logicalLocations: [{ fullyQualifiedName: qualifiedName(o), kind: o.kind }] })),
          ...(f.fixSql === '' ? {} : { properties: { fixSql: f.fixSql, fixSummary: f.fixSummary } }),
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
