import { UserError } from '../../shared/api/errors';

/** A failed write of the user's file in plain words, with the code the file system gave. */
export function fileWriteError(path: string, err: unknown): UserError {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'unknown';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new UserError('forbidden', `Warden may not write ${path} (${code}); choose another folder.`);
  if (code === 'ENOENT') return new UserError('not_found', `The folder of ${path} does not exist any more; choose another one.`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new UserError('internal', `The disk of ${path} is full (${code}); free some space or choose another disk.`);
  return new UserError('internal', `Could not save ${path} (${code}).`);
}
