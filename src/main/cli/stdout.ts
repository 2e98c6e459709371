import type { Writable } from 'node:stream';

/**
 * A write function for a stream that may be a pipe: it returns a promise when the stream's
 * buffer is full (resolved on 'drain'), and once the reader has gone (EPIPE, as with
 * `| head`) it throws `closed()` instead of letting the error end the process with a trace.
 */
export function stdoutWriter(stream: Writable, closed: () => Error): (chunk: string | Uint8Array) => void | Promise<void> {
  let gone = false;
  let failure: Error | null = null;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    gone = true;
    if (err.code !== 'EPIPE') failure = err;
  });
  return (chunk) => {
    if (failure !== null) throw failure;
    if (gone) throw closed();
    if (stream.write(chunk)) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
      stream.on('close', done);
    });
  };
}
