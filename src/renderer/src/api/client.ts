import type { Api, Input, Method, Output } from '../../../shared/api/contract';
import { envelopeSchema, envelopeValue } from '../../../shared/api/envelope';
import { checkOutput } from '../../../shared/api/outputCheck';
import { InFlight, newRequestId } from './inFlight';
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

type Transport = (method: Method, input: unknown, requestId: string) => Promise<unknown>;

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
    return (await response.json()) as unknown;
  } catch {
    throw new ApiCallError('internal', `Warden’s backend sent a reply that is not JSON (HTTP ${response.status}).`);
  }
};

function pickTransport(): Transport {
  const bridge = window.warden;
  if (bridge !== undefined && typeof bridge.invoke === 'function') {
    return (method, input, requestId) => bridge.invoke(method, input, requestId);
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
  return {
    async invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      const requestId = newRequestId();
      const end = inFlight.begin(requestId, method, input);
      let raw: unknown;
      try {
        raw = await transport(method, input, requestId);
      } finally {
        end();
      }
      const envelope = envelopeSchema.safeParse(raw);
      if (!envelope.success) {
        throw new ApiCallError('internal', 'Warden’s backend sent a reply in an unexpected shape.');
      }
      if (!envelope.data.ok) {
        const { code, message, field } = envelope.data.error;
        throw new ApiCallError(code, message, field);
      }
      // why: the backend says so when it had to reconnect; the banner shows it, whatever view asked.
      for (const text of envelope.data.notices ?? []) notices.push(text);
      const value = checkOutput(method, envelopeValue(envelope.data));
      if (!value.success) {
        throw new ApiCallError('internal', `Warden’s backend sent an unexpected reply to ${method}.`);
      }
      return value.data;
    },
  };
}

/** A message fit to show to people, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiCallError) return err.message;
  return 'Something went wrong in the Warden window.';
}
