import type { ServerResponse } from 'node:http';
import { UserError } from '../../shared/api/errors';
import type { ExportSink } from '../backend/export/exportSink';

/**
 * An export sink into a streamed HTTP response (its headers sent): a write resolves once
 * the socket took the chunk or drained (backpressure: a slow browser slows the worker); abort
 * destroys the response before its last chunk, so the browser marks the download failed
 * instead of keeping a truncated file.
 */
export function responseSink(res: ServerResponse): ExportSink {
  const gone = () => new UserError('cancelled', 'The browser stopped the download before it ended.');
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (res.destroyed) return reject(gone());
        if (res.write(chunk)) return resolve();
        const done = (err?: UserError) => {
          res.off('drain', onDrain);
          res.off('close', onClose);
          if (err === undefined) resolve();
          else reject(err);
        };
        const onDrain = () => done();
        const onClose = () => done(gone());
        res.on('drain', onDrain);
        res.on('close', onClose);
      }),
    finish: () =>
      new Promise<void>((resolve, reject) => {
        if (res.destroyed) return reject(gone());
        res.end(() => resolve());
      }),
    abort: () => {
      res.destroy();
      return Promise.resolve();
    },
  };
}
