import type { Input, Output } from '../../../shared/api/contract';

/** What an export did: saved through the desktop dialog, cancelled there, or handed to the browser. */
export type ExportOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'downloaded' };

/** How to export, as app.info says; before it answers, the browser download (works everywhere). */
export type ExportMode = Output<'app.info'>['scriptExport'] | undefined;

/** The two ways out: main's script.save, or a download in the page. */
export interface ExportDeps {
  save: (input: Input<'script.save'>) => Promise<Output<'script.save'>>;
  download: (fileName: string, text: string) => void;
}

/**
 * Exports a script the way this shell offers: Electron's native save dialog (script.save),
 * else a browser download — browser mode's HTTP transport refuses script.save.
 */
export async function exportScript(mode: ExportMode, fileName: string, script: string, deps: ExportDeps): Promise<ExportOutcome> {
  if (mode !== 'dialog') {
    deps.download(fileName, script);
    return { kind: 'downloaded' };
  }
  const answer = await deps.save({ fileName, script });
  return answer.outcome === 'saved' ? { kind: 'saved', path: answer.path } : { kind: 'cancelled' };
}

/** The export's outcome in plain words for the status line, or null when nothing needs saying. */
export function exportWords(outcome: ExportOutcome): string | null {
  switch (outcome.kind) {
    case 'saved':
      return `Saved to ${outcome.path}`;
    case 'cancelled':
      return 'Export cancelled.';
    case 'downloaded':
      return null;
  }
}

/** A name part safe in every file system: lower-case letters, digits, `_` and `.` kept, runs of anything else one `-`. */
function filePart(text: string): string {
  const safe = text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_.]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return (safe === '' ? 'x' : safe.toLowerCase()).slice(0, 40);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The export's file name: server, database and local time, e.g.
 * `warden-demo-server-datatweets-20261202-1405.sql`, so exports of different servers or days never overwrite each other.
 */
export function exportFileName(serverName: string, database: string, at: Date): string {
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `warden-${filePart(serverName)}-${filePart(database)}-${stamp}.sql`;
}

/** What "I ran this script: read the server again" found, in plain words. */
export function settledWords(settled: number, staged: number): string {
  if (staged === 0) return 'Nothing was staged.';
  if (settled === 0) {
    return staged === 1
      ? 'Read the server again: the staged change is not on the server yet; it stays staged.'
      : `Read the server again: none of the ${staged} staged changes are on the server yet; all stay staged.`;
  }
  if (settled === staged) return `Read the server again: ${staged === 1 ? 'the staged change is' : `all ${staged} staged changes are`} on the server now, so nothing is staged any more.`;
  const left = staged - settled;
  return `Read the server again: ${settled} of ${staged} staged changes are on the server now and were unstaged; ${left} ${left === 1 ? 'is' : 'are'} not yet and stay${left === 1 ? 's' : ''} staged.`;
}
