import type { CsvExportMessage, CsvExportRequest } from './csvExportProtocol';
import { csvExportMessages } from './csvExportProtocol';

/** The worker's global scope, as much of it as this file uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<CsvExportRequest>) => void) | null;
  postMessage(message: CsvExportMessage, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

// why: on a large catalog the CSV is millions of rows; written here, the page stays
// responsive, and Cancel is terminating this worker.
scope.onmessage = (event) => {
  try {
    for (const message of csvExportMessages(event.data)) {
      scope.postMessage(message, message.type === 'chunk' ? [message.bytes.buffer] : []);
    }
  } catch (err: unknown) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }, []);
  }
};
