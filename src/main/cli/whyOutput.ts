import type { WhyNotReport } from '../../shared/whyNot/report';

/** `warden why --format json`: granted, reasons, missing, and fixes with their sql and proof. */
export function whyJson(r: WhyNotReport): string {
  const fixes = r.fixes.map((f) => ({ label: f.label, sql: f.sql, proven: f.proven, note: f.note, alsoChanges: f.alsoChanges }));
  return `${JSON.stringify({ granted: r.granted, reasons: r.reasons, missing: r.missing, fixes }, null, 2)}\n`;
}

const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');

/** `warden why` for people: granted or not, every missing layer, then each fix with its proof. */
export function whyText(r: WhyNotReport): string {
  const target = `${r.privilege} on ${r.schema}.${r.table} (database ${r.database})`;
  const out: string[] = [];
  if (r.granted) {
    out.push(`${r.role} has ${target}.`);
    for (const reason of r.reasons) out.push(`  ${reason.source}${reason.via.length > 1 ? ` via ${reason.via.join(' → ')}` : ''}${reason.grantor === null ? '' : `, granted by ${reason.grantor}`}`);
  } else out.push(`${r.role} does not have ${target}.`);
  if (r.missing.length > 0) out.push('', 'Missing:', ...r.missing.map((m) => `  ${m.layer}: ${m.detail}`));
  if (r.fixes.length > 0) out.push('', 'Fixes:');
  for (const f of r.fixes) {
    out.push(`  ${f.proven ? 'PROVEN' : 'NOT PROVEN'}  ${f.label}${f.alsoChanges === '' ? '' : ` (${f.alsoChanges})`}`, indent(f.sql));
    if (f.note !== null) out.push(`    -- ${f.note}`);
  }
  return `${out.join('\n')}\n`;
}
