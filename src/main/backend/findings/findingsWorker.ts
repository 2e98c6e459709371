import { parentPort } from 'node:worker_threads';
import { api } from '../../../shared/api/contract';
import { findingsTaskSchema, type FindingsAnswer } from './findingsProtocol';
import { listFindings } from './listFindings';

// The findings worker (a worker_thread of the backend, built as out/main/findingsWorker.js):
// the rules and the zod check of their reply take about a second on a large catalog, which
// would stop the main thread from answering anything else meanwhile. Tasks run one at a time.

const port = parentPort;
if (port === null) throw new Error('findingsWorker runs as a worker thread only.');

port.on('message', (message: unknown) => {
  const task = findingsTaskSchema.safeParse(message);
  if (!task.success) {
    const id = typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' ? message.id : -1;
    port.postMessage({ id, ok: false, message: 'The findings worker got a task it could not read.' } satisfies FindingsAnswer);
    return;
  }
  const { id, snapshot, currentUser, acks, now } = task.data;
  try {
    const reply = listFindings(snapshot, currentUser, new Map(acks), new Date(now));
    const checked = api['findings.list'].output.safeParse(reply);
    // why: as text, the reply crosses to the main thread as one string copy, and the transports
    // send it as is: 16 MB of objects would take the main thread seconds to copy and serialize.
    const answer: FindingsAnswer = checked.success ? { id, ok: true, json: JSON.stringify(checked.data) } : { id, ok: false, message: `The findings reply did not pass its check: ${checked.error.message}` };
    port.postMessage(answer);
  } catch (err: unknown) {
    port.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies FindingsAnswer);
  }
});
