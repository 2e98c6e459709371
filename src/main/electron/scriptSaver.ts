import { chmod, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileWriteError } from '../backend/fileErrors';
import type { ScriptSaver } from '../backend/scriptSave';

// why: no electron import here, so the unit tier covers the saver with a fake dialog;
// main.ts passes Electron's dialog.showSaveDialog in.

/** The part of Electron's SaveDialogOptions the saver sets. */
export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

/** What the saver needs from the shell: a save dialog, a private file writer, a start folder. */
export interface ScriptSaverDeps {
  /** Electron's dialog.showSaveDialog (bound to the window), or a fake. */
  showSaveDialog: (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** Writes text readable by its owner only; writePrivateFile unless a test says otherwise. */
  writeFile: (path: string, text: string) => Promise<void>;
  /** Where the dialog opens (the user's documents folder). */
  defaultDir: string;
}

/** Mode of a saved script: it may hold password verifiers, so its owner only. */
export const scriptFileMode = 0o600;

/** A suggested name reduced to a plain file name ending in .sql (no folders, no control characters). */
export function safeScriptFileName(suggested: string): string {
  return safeFileName(suggested, 'warden-changes', 'sql');
}

/** A suggested name reduced to a plain file name ending in `.extension` (no folders, no control characters). */
export function safeFileName(suggested: string, fallback: string, extension: string): string {
  // why: the name comes from the page; it names a file in the dialog, never a path to write.
  const plain = basename(suggested.replace(/\\/g, '/'))
    .replace(/[\p{Cc}<>:"|?*]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  const name = plain === '' ? `${fallback}.${extension}` : plain;
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

/** Writes `text` to `path` with mode 0600, also when the file already existed with a wider mode. */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { encoding: 'utf8', mode: scriptFileMode });
  // why: the mode above only applies when the file is created; an overwritten file keeps its own.
  await chmod(path, scriptFileMode);
}

/** The script.save implementation of the desktop shell: ask where, then write the file privately. */
export function createScriptSaver(deps: ScriptSaverDeps): ScriptSaver {
  return async ({ fileName, script }) => {
    const answer = await deps.showSaveDialog({
      title: 'Export SQL script',
      defaultPath: join(deps.defaultDir, safeScriptFileName(fileName)),
      buttonLabel: 'Export',
      filters: [
        { name: 'SQL script', extensions: ['sql'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (answer.canceled || answer.filePath === undefined || answer.filePath === '') return { outcome: 'cancelled' };
    try {
      await deps.writeFile(answer.filePath, script);
    } catch (err) {
      throw fileWriteError(answer.filePath, err);
    }
    return { outcome: 'saved', path: answer.filePath };
  };
}

/** What the CSV file chooser needs from the shell: the save dialog and where it opens. */
export type CsvFileChooserDeps = Pick<ScriptSaverDeps, 'showSaveDialog' | 'defaultDir'>;

/**
 * export.start's file chooser on the desktop: the save dialog, before any row is written;
 * the path chosen, or null when the dialog was closed.
 */
export function createCsvFileChooser(deps: CsvFileChooserDeps): (fileName: string) => Promise<string | null> {
  return async (fileName) => {
    const answer = await deps.showSaveDialog({
      title: 'Download CSV',
      defaultPath: join(deps.defaultDir, safeFileName(fileName, 'privileges', 'csv')),
      buttonLabel: 'Save',
      filters: [
        { name: 'CSV', extensions: ['csv'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return answer.canceled || answer.filePath === undefined || answer.filePath === '' ? null : answer.filePath;
  };
}
