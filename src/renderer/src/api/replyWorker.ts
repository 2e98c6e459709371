/// <reference lib="webworker" />
// The reply worker: parses and checks large replies (findings.list on a big catalog is
// 17 MB of JSON whose zod check took ~0.6 s) so the page's main thread only receives the
// checked objects.
import { readReply } from './readReply';
import type { ReplyRequest, ReplyResponse } from './replyProtocol';

const decoder = new TextDecoder();

// why: the page hands a large reply's buffer over (no copy) only to a worker known to run.
self.postMessage({ ready: true } satisfies ReplyResponse);

/** Replies read so far, on the worker's global: what a test (or a curious DBA in devtools) can ask. */
const diagnostics = self as unknown as { repliesRead: number };
diagnostics.repliesRead = 0;

self.onmessage = (event: MessageEvent<ReplyRequest>) => {
  const request = event.data;
  diagnostics.repliesRead++;
  const text = request.form === 'envelope' ? decoder.decode(request.bytes) : request.text;
  const response: ReplyResponse = { id: request.id, ...readReply(request.method, request.form, text) };
  self.postMessage(response);
};
