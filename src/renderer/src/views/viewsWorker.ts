import { ViewsState, type ViewsReply, type ViewsRequest } from './viewsProtocol';

/** The worker's global scope, as much of it as this file uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ViewsRequest>) => void) | null;
  postMessage(message: ViewsReply): void;
}

const scope = self as unknown as WorkerScope;
const state = new ViewsState();

// why: a role view on 20,000 relations parses every ACL once and explains hundreds to
// thousands of them; done here, the page keeps drawing frames meanwhile.
scope.onmessage = (event) => {
  const m = event.data;
  if (m.type === 'snapshot') {
    state.setSnapshot(m.snapshot);
    return;
  }
  try {
    scope.postMessage({ id: m.id, ok: true, answer: state.answer(m.question) });
  } catch (err: unknown) {
    scope.postMessage({ id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
