import type { Api, Input, Method, Output } from '../../../shared/api/contract';
import { envelopeSchema } from '../../../shared/api/envelope';
import { InFlight, newRequestId } from './inFlight';
import { readEnvelope } from './readReply';
import { readReplyBytes, readReplyText, startReplyWorker } from './replyReader';
import type { ReplyResult } from './replyProtocol';
import { Notices } from './notices';
import type { ErrorCode } from '../../../shared/api/errors';

/** A call that came back `{ ok: false }`, or a reply that could not be read. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.field = field;
  }
}

/** A reply as it arrives: HTTP's body bytes (read later, maybe in the reply worker), or IPC's envelope object. */
type Arrived = { bytes: ArrayBuffer; status: number } | { envelope: unknown };

type Transport = (method: Method, input: unknown, requestId: string) => Promise<Arrived>;

const httpTransport: Transport = async (method, input, requestId) => {
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      // why: browser mode's session is an HttpOnly cookie (see the HTTP transport's
      // BrowserSession); the page never holds a secret that its scripts could leak.
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method, input, requestId }),
    });
  } catch {
    throw new ApiCallError('connection_failed', 'Warden’s backend is not answering. Is it still running?');
  }
  if (response.status === 401) {
    throw new ApiCallError('forbidden', 'This browser is not signed in to Warden: open the newest address Warden printed in its terminal.');
  }
  try {
    return { bytes: await response.arrayBuffer(), status: response.status };
  } catch {
    throw new ApiCallError('connection_failed', 'Warden’s backend stopped answering in the middle of a reply.');
  }
};

function pickTransport(): Transport {
  const bridge = window.warden;
  if (bridge !== undefined && typeof bridge.invoke === 'function') {
    return async (method, input, requestId) => ({ envelope: await bridge.invoke(method, input, requestId) });
  }
  return httpTransport;
}

/**
 * The one `Api` the UI uses: Electron IPC when the preload is there, HTTP otherwise. Every
 * reply is checked. Each call carries a fresh request id and is listed in `inFlight` until
 * it is answered, so slow ones can be shown and cancelled.
 */
export function createApi(inFlight: InFlight = new InFlight(), notices: Notices = new Notices()): Api {
  const transport = pickTransport();
  startReplyWorker();
  return {
    async invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      const requestId = newRequestId();
      const end = inFlight.begin(requestId, method, input);
      let arrived: Arrived;
      try {
        arrived = await transport(method, input, requestId);
      } finally {
        end();
      }
      const result = await readArrived(method, arrived);
      if (result.kind === 'unreadable') {
        if (result.why === 'not-json' && 'status' in arrived) {
          throw new ApiCallError('internal', `Warden’s backend sent a reply that is not JSON (HTTP ${arrived.status}).`);
        }
        throw new ApiCallError(
          'internal',
          result.why === 'unexpected-value' ? `Warden’s backend sent an unexpected reply to ${method}.` : 'Warden’s backend sent a reply in an unexpected shape.',
        );
      }
      if (result.kind === 'error') {
        const { code, message, field } = result.error;
        throw new ApiCallError(code, message, field);
      }
      // why: the backend says so when it had to reconnect; the banner shows it, whatever view asked.
      for (const text of result.notices) notices.push(text);
      return result.data as Output<M>;
    },
  };
}

/**
 * Reads and checks a reply, off the main thread when it is large (readReplyText): HTTP's
 * whole body, or IPC's envelope whose value came as JSON text.
 */
async function readArrived(method: Method, arrived: Arrived): Promise<ReplyResult> {
  if ('bytes' in arrived) return readReplyBytes(method, arrived.bytes);
  const envelope = envelopeSchema.safeParse(arrived.envelope);
  if (envelope.success && envelope.data.ok && 'json' in envelope.data && typeof envelope.data.json === 'string') {
    const result = await readReplyText(method, 'value', envelope.data.json);
    return result.kind === 'value' ? { ...result, notices: envelope.data.notices ?? [] } : result;
  }
  return readEnvelope(method, arrived.envelope);
}

/** A message fit to show to people, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  return 'Something went wrong in the Warden window.';
}
