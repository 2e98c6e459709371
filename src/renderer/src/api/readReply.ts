import type { Method } from '../../../shared/api/contract';
import { envelopeSchema, envelopeValue } from '../../../shared/api/envelope';
import { checkOutput } from '../../../shared/api/outputCheck';
import type { ReplyResult } from './replyProtocol';

/**
 * Reads one reply: `text` is a whole envelope (`form` 'envelope') or an envelope's JSON
 * value ('value'); checks the envelope and then the value against method's output. Pure:
 * the reply worker runs it for large replies, the client inline for the rest.
 */
export function readReply(method: Method, form: 'envelope' | 'value', text: string): ReplyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return { kind: 'unreadable', why: 'not-json' };
  }
  return form === 'envelope' ? readEnvelope(method, parsed) : checked(method, parsed, []);
}

/** Checks an envelope already parsed, then its value. */
export function readEnvelope(method: Method, raw: unknown): ReplyResult {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { kind: 'unreadable', why: 'not-an-envelope' };
  if (!envelope.data.ok) return { kind: 'error', error: envelope.data.error };
  let value: unknown;
  try {
    value = envelopeValue(envelope.data);
  } catch {
    return { kind: 'unreadable', why: 'not-json' };
  }
  return checked(method, value, envelope.data.notices ?? []);
}

function checked(method: Method, value: unknown, notices: string[]): ReplyResult {
  const output = checkOutput(method, value);
  return output.success ? { kind: 'value', data: output.data, notices } : { kind: 'unreadable', why: 'unexpected-value' };
}
