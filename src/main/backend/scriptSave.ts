import type { Input, Output } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';

/** Saves a script where the user chooses (the Electron shell's save dialog), or reports a cancel. */
export type ScriptSaver = (input: Input<'script.save'>) => Promise<Output<'script.save'>>;

/** What app.info tells the renderer: the native dialog when a saver is wired in, else a browser download. */
export function scriptExportMode(saver: ScriptSaver | null): Output<'app.info'>['scriptExport'] {
  return saver === null ? 'download' : 'dialog';
}

/**
 * The script.save handler: forwards to the shell's saver, and refuses when there is none
 * (browser mode writes no files on the server side; the page downloads the script instead).
 */
export function saveScript(saver: ScriptSaver | null, input: Input<'script.save'>): Promise<Output<'script.save'>> {
  if (saver === null) {
    return Promise.reject(new UserError('forbidden', 'Saving to a file is offered by the desktop app only; here the script is downloaded by the browser.'));
  }
  return saver(input);
}
