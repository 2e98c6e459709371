import type { Writable } from 'node:stream';

/**
 * A write function for a stream that may be a pipe: it resolves once the stream has taken
 * the chunk (its write callback), so the caller may reuse the chunk's memory and never
 * runs ahead of a slow reader; once the reader has gone (EPIPE, as with `| head`) it
 * throws `closed()` instead of letting the error end the process with a trace.
 */
export function stdoutWriter(stream: Writable, closed: () => Error): (chunk: string | Uint8Array) => Promise<void> {
  let gone = false;
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    gone = true;
    if (err.code !== 'EPIPE') failure = err;
  });
  return (chunk) => {
    if (failure !== null) throw failure;
    if (gone) throw closed();
    return new Promise<void>((resolve) => {
      stream.write(chunk, () => resolve());
    });
  };
}
