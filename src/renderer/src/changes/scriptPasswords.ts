import type { ChangeInput } from '../../../shared/changes/schema';

/** True when a staged change carries a password verifier, which an exported script may hold. */
export function carriesVerifier(change: ChangeInput): boolean {
  return (change.kind === 'createRole' || change.kind === 'alterRole') && change.password?.kind === 'verifier';
}

/** Whether the script shown and exported holds the staged verifiers: only when asked and when there are any. */
export function scriptPasswords(changes: readonly ChangeInput[], include: boolean): 'omit' | 'include' {
  return include && changes.some(carriesVerifier) ? 'include' : 'omit';
}
