/** What one change came to in an apply that committed. */
export interface AppliedChange {
  status: 'done' | 'no-op' | 'failed' | 'not-run' | 'unknown';
  /** The change in plain words (describeChange). */
  label: string;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * The one line an applied report opens with: "7 changes applied", or "5 applied; 2 changed
 * nothing: …" naming those that changed nothing (a REVOKE of something never granted, a grant
 * already held). Never "the rest" when there is none.
 */
export function appliedSummary(results: readonly AppliedChange[]): string {
  const done = results.filter((r) => r.status === 'done').length;
  const noOps = results.filter((r) => r.status === 'no-op');
  const unknown = results.filter((r) => r.status === 'unknown').length;
  const parts: string[] = [];
  if (noOps.length === 0 && unknown === 0) return `${changes(done)} applied.`;
  parts.push(done === 0 ? 'Nothing changed' : `${done} applied`);
  if (noOps.length > 0) {
    const what = noOps.map((r) => r.label).join('; ');
    parts.push(done === 0 ? `${noOps.length === 1 ? 'the change was' : `all ${noOps.length} changes were`} already so: ${what}` : `${noOps.length} changed nothing: ${what}`);
  }
  if (unknown > 0) parts.push(`${unknown} unknown (check the server)`);
  return `${parts.join('; ')}.`;
}
