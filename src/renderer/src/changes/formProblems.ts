import type { ChangeInput } from '../../../shared/changes/schema';

/** A problem of changes.preview: the change's index, the dotted field path, plain words. */
export interface PreviewProblem {
  index: number;
  field: string;
  message: string;
}

/**
 * Which form field a problem belongs to, keyed by `kind.firstPathSegment` (e.g.
 * `createRole.name`, `addMember.member`) or by the first path segment alone (`database`).
 */
export type ProblemFieldMap<F extends string> = Readonly<Partial<Record<string, F>>>;

/** A form's server problems: one message per field it has, and the rest for the form's alert. */
export interface FormProblems<F extends string> {
  fields: Partial<Record<F, string>>;
  other: string[];
}

/**
 * Keeps the problems of the form's own changes (from index `offset` on, as the form's changes
 * follow the staged list in the preview) and puts each next to its field; several on one
 * field are joined, and a problem with no field of the form goes to `other`.
 */
export function problemsByField<F extends string>(
  problems: readonly PreviewProblem[],
  offset: number,
  changes: readonly ChangeInput[],
  map: ProblemFieldMap<F>,
): FormProblems<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const p of problems) {
    const change = changes[p.index - offset];
    if (change === undefined) continue;
    const head = p.field.split('.')[0] ?? '';
    const field = map[`${change.kind}.${head}`] ?? map[head];
    if (field === undefined) {
      if (!other.includes(p.message)) other.push(p.message);
      continue;
    }
    const before = fields[field];
    if (before === undefined) fields[field] = p.message;
    else if (!before.includes(p.message)) fields[field] = `${before} ${p.message}`;
  }
  return { fields, other };
}

/** True when there is nothing to show. */
export function noProblems<F extends string>(found: FormProblems<F>): boolean {
  return found.other.length === 0 && Object.keys(found.fields).length === 0;
}
