import { z } from 'zod';
import { changeSchema, type Change } from '../changes/schema';

/** Every rule, by its stable id (scripts and acknowledgements rely on these names). */
export const ruleIds = [
  'superuser-meaningless-grants',
  'extra-superuser',
  'login-without-password',
  'login-expired',
  'public-connect',
  'public-create-schema',
  'unusable-grant',
  'redundant-grant',
  'empty-group',
  'grant-to-dead-role',
  'default-privileges-never-fire',
  'member-inherits-nothing',
  'wide-destructive',
  'code-as-owner',
  'near-superuser',
] as const;
/** Schema for a rule id. */
export const ruleIdSchema = z.enum(ruleIds);
/** A rule id. */
export type RuleId = z.infer<typeof ruleIdSchema>;

/** How bad a finding is, worst first. */
export const severities = ['high', 'medium', 'low'] as const;
/** Schema for a severity. */
export const severitySchema = z.enum(severities);
/** A severity. */
export type Severity = z.infer<typeof severitySchema>;

/** Whether `severity` is at least as bad as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severities.indexOf(severity) <= severities.indexOf(threshold);
}

/** Kinds of object a finding names. */
export const findingObjectKinds = [
  'role',
  'database',
  'schema',
  'table',
  'view',
  'materialized view',
  'sequence',
  'foreign table',
  'partitioned table',
] as const;

/** One object a finding concerns; database and schema are null where they do not apply (roles). */
export const findingObjectSchema = z.object({
  kind: z.enum(findingObjectKinds),
  database: z.string().nullable(),
  schema: z.string().nullable(),
  name: z.string(),
});
/** One object a finding concerns. */
export type FindingObject = z.infer<typeof findingObjectSchema>;

/** One finding: what is wrong, in plain words, the objects concerned and the staged changes that fix it. */
export const findingSchema = z.object({
  /** Stable identity of this finding (rule and subject), for acknowledgements. */
  key: z.string(),
  rule: ruleIdSchema,
  severity: severitySchema,
  /** One line. */
  title: z.string(),
  /** The explanation a junior DBA understands. */
  message: z.string(),
  objects: z.array(findingObjectSchema),
  /** The fix as staged changes; empty when there is no safe automatic fix. */
  fix: z.array(changeSchema),
  /** What the fix does, in words. */
  fixSummary: z.string(),
});
/** One finding. */
export type Finding = z.infer<typeof findingSchema>;

/** A rule that could not be checked, and why (for example pg_authid unreadable). */
export const notCheckedSchema = z.object({ rule: ruleIdSchema, reason: z.string() });
/** A rule that could not be checked. */
export type NotChecked = z.infer<typeof notCheckedSchema>;

/** Everything the rules found in one database's snapshot. */
export interface FindingsResult {
  findings: Finding[];
  notChecked: NotChecked[];
}

/** Sorts worst first, then by rule and key, so output is stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      severities.indexOf(a.severity) - severities.indexOf(b.severity) ||
      ruleIds.indexOf(a.rule) - ruleIds.indexOf(b.rule) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** Builds the key of a finding from its rule and the names of its subject. */
export function findingKey(rule: RuleId, ...parts: readonly (string | null)[]): string {
  return [rule, ...parts.map((p) => JSON.stringify(p))].join(':');
}

/** A change list type alias, for rule modules. */
export type Fix = Change[];
