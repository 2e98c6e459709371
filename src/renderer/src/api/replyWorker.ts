/// <reference lib="webworker" />
// The reply worker: parses and checks large replies (findings.list on a big catalog is
// 17 MB of JSON whose zod check took ~0.6 s) so the page's main thread only receives the
// checked objects.
import { readReply } from './readReply';
import type { ReplyRequest, ReplyResponse } from './replyProtocol';

const decoder = new TextDecoder();

self.onmessage = (event: MessageEvent<ReplyRequest>) => {
  const request = event.data;
  const text = request.form === 'envelope' ? decoder.decode(request.bytes) : request.text;
  const response: ReplyResponse = { id: request.id, ...readReply(request.method, request.form, text) };
  self.postMessage(response);
};
