import type { Method } from '../../../shared/api/contract';
import { hasFastCheck } from '../../../shared/api/outputCheck';
import { readReply } from './readReply';
import type { ReplyRequest, ReplyResponse, ReplyResult } from './replyProtocol';

/** Replies longer than this (characters or bytes of JSON) are read in the reply worker. */
export const workerReplyChars = 512 * 1024;

const decoder = new TextDecoder();

let worker: Worker | null = null;
let failed = false;
/** Whether the worker has said it runs (then buffers are transferred to it, not copied). */
let ready = false;
let nextId = 1;
/** Requests sent to the worker: how to hand over its result, and how to read the reply here instead. */
const waiting = new Map<number, { done: (result: ReplyResult) => void; readHere: () => void }>();

/** The reply worker, started on first use (or by startReplyWorker); null where workers are not available (then replies are read inline). */
function replyWorker(): Worker | null {
  if (worker !== null || failed || typeof Worker === 'undefined') return worker;
  try {
    const w = new Worker(new URL('./replyWorker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<ReplyResponse>) => {
      if ('ready' in event.data) {
        ready = true;
        return;
      }
      const { id, ...result } = event.data;
      const request = waiting.get(id);
      waiting.delete(id);
      request?.done(result);
    };
    w.onerror = (event) => {
      event.preventDefault();
      // why: a worker that cannot start (a CSP, an old engine) must not lose replies: they
      // are read here, and so is every later one.
      failed = true;
      ready = false;
      worker = null;
      w.terminate();
      const stranded = [...waiting.values()];
      waiting.clear();
      for (const request of stranded) request.readHere();
    };
    worker = w;
  } catch {
    failed = true;
  }
  return worker;
}

/**
 * Reads a reply's text (see readReply): in the reply worker when it is large and its method
 * has no fast check (the catalog's fast check is cheap, and its snapshot goes on to the
 * matrix worker, which a second copy through this worker would slow down), else here.
 */
export function readReplyText(method: Method, form: 'value', text: string): Promise<ReplyResult> {
  const w = text.length > workerReplyChars && !hasFastCheck(method) ? replyWorker() : null;
  if (w === null) return Promise.resolve(readReply(method, form, text));
  return sent(w, { id: nextId++, method, form, text }, () => readReply(method, form, text));
}

/**
 * Reads a whole HTTP reply from its bytes, as readReplyText does. why bytes: posting a buffer
 * to the worker is one memory copy, and the page never decodes it; posting the text was
 * ~0.2 s of the page's thread for 17 MB.
 */
export function readReplyBytes(method: Method, bytes: ArrayBuffer): Promise<ReplyResult> {
  const w = bytes.byteLength > workerReplyChars && !hasFastCheck(method) ? replyWorker() : null;
  if (w === null) return Promise.resolve(readReply(method, 'envelope', decoder.decode(bytes)));
  const request: ReplyRequest = { id: nextId++, method, form: 'envelope', bytes };
  if (!ready) return sent(w, request, () => readReply(method, 'envelope', decoder.decode(bytes)));
  // why: transferred, not copied (copying 17 MB was ~0.1 s of the page's thread); the page no
  // longer has the bytes, so should this running worker die, the reply is reported unreadable.
  return sent(w, request, () => ({ kind: 'unreadable', why: 'not-json' }), [bytes]);
}

/** Starts the reply worker ahead of the first large reply, so that it is ready for it. */
export function startReplyWorker(): void {
  replyWorker();
}

/** Sends a request to the worker; its result, or `readHere()` should the worker fail. */
function sent(w: Worker, request: ReplyRequest, readHere: () => ReplyResult, transfer: Transferable[] = []): Promise<ReplyResult> {
  return new Promise((resolve) => {
    waiting.set(request.id, { done: resolve, readHere: () => resolve(readHere()) });
    w.postMessage(request, transfer);
  });
}
