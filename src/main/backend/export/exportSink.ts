import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileWriteError } from '../fileErrors';

/** Where an export's bytes go: a file (desktop) or an HTTP response (browser mode). */
export interface ExportSink {
  /** Takes a chunk; resolves when the sink may take the next one (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Ends it complete: the file is in place, the response has ended. */
  finish(): Promise<void>;
  /** Ends it failed: nothing is left behind; a response is cut off, so the browser marks the download failed. */
  abort(): Promise<void>;
}

/** Mode of a written CSV: who can do what on the server is for its owner only. */
export const csvFileMode = 0o600;

/**
 * A sink into `path`: chunks go to a hidden temp file beside it, renamed over `path` only
 * once complete, so a cancel or a failure leaves no half-written file (and an older file of
 * that name untouched). Failures are plain words naming the path.
 */
export async function openFileSink(path: string): Promise<ExportSink> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  const handle = await open(temp, 'wx', csvFileMode).catch((err: unknown) => {
    throw fileWriteError(path, err);
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    write: async (chunk) => {
      try {
        for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
      } catch (err) {
        throw fileWriteError(path, err);
      }
    },
    finish: async () => {
      try {
        await handle.sync();
        await close();
        await rename(temp, path);
      } catch (err) {
        await close().catch(() => undefined);
        await unlink(temp).catch(() => undefined);
        throw fileWriteError(path, err);
      }
    },
    abort: async () => {
      await close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}
