/// <reference lib="webworker" />
// The reply worker: parses and checks large replies (findings.list on a big catalog is
// 17 MB of JSON whose zod check took ~0.6 s) so the page's main thread only receives the
// checked objects.
import { readReply } from './readReply';
import type { ReplyRequest, ReplyResponse } from './replyProtocol';

self.onmessage = (event: MessageEvent<ReplyRequest>) => {
  const { id, method, form, text } = event.data;
  const response: ReplyResponse = { id, ...readReply(method, form, text) };
  self.postMessage(response);
};
