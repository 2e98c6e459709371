import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../../shared/security/csp';

/** The page's Content Security Policy: the same source as the Electron shell's. */
const pageCsp = contentSecurityPolicy();

/** Headers on every reply: no caching, no sniffing, no framing, no opener from other sites. */
const securityHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': pageCsp,
  'Cross-Origin-Resource-Policy': 'same-origin',
  // why: a page Warden opens, or that opens Warden, gets no window handle to the other.
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Sends one complete reply with the security headers. */
export function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, ...securityHeaders, ...extra });
  res.end(body);
}

/** Starts a streamed reply with the security headers (chunked: no length is known in advance). */
export function startStream(res: ServerResponse, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': type, ...securityHeaders, ...extra });
}

/** Sends a JSON reply. */
export function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);
}

/** A refusal as an API envelope, in plain words. */
export function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  const code = status === 400 || status === 413 || status === 415 ? 'invalid_input' : status === 404 ? 'not_found' : 'forbidden';
  sendJson(res, status, { ok: false, error: { code, message } }, extra);
}

/** A redirect that may set a cookie. */
export function redirect(res: ServerResponse, location: string, extra: Record<string, string> = {}): void {
  res.writeHead(303, { ...securityHeaders, Location: location, ...extra });
  res.end();
}

/**
 * The request body as text, or null when it is larger than `limit` bytes. A declared
 * Content-Length over the limit is refused before reading; a chunked body over it is
 * discarded as it keeps coming, so the 413 still reaches the client.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
