import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../backend/dispatcher';
import { desktopOnlyMethods } from '../../shared/api/contract';
import { contentSecurityPolicy } from '../../shared/security/csp';

/** The header that carries the per-run token on API calls. */
export const tokenHeader = 'x-warden-token';
/** The one API route: POST {method, input}, answered with an envelope. */
export const invokePath = '/api/invoke';
const maxBodyBytes = 1024 * 1024;

/** The page's Content Security Policy: the same as the Electron shell's. */
const pageCsp = contentSecurityPolicy();

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Browser mode's HTTP transport options. */
export interface HttpTransportOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Random per run; required on every API call. */
  token: string;
  /** 0 picks a free port. */
  port: number;
}

/** A running browser-mode server. */
export interface HttpTransport {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': pageCsp,
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
const refuse = (res: ServerResponse, status: number, message: string) => sendJson(res, status, { ok: false, error: { code: 'forbidden', message } });

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serves the built renderer and the API on 127.0.0.1 only. Every request must name this
 * server in Host (no DNS rebinding); API calls must come from this origin (or none) and
 * carry the per-run token. The API runs contract methods, never SQL text or files
 * (desktop-only methods such as script.save are refused here).
 */
export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'Unknown host.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === invokePath) {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'Cross-origin calls are refused.');
      const token = req.headers[tokenHeader];
      if (!sameToken(typeof token === 'string' ? token : undefined, options.token)) return refuse(res, 401, 'Missing or wrong token: open the address Warden printed.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON.');
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'The request is too large.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'The request is not JSON.' } });
      }
      const { method, input, requestId } = (parsed ?? {}) as { method?: unknown; input?: unknown; requestId?: unknown };
      // why: no HTTP route writes or reads the user's files (a page could be any local site's).
      if (typeof method === 'string' && desktopOnlyMethods.has(method)) return refuse(res, 403, 'Only the desktop app offers this; the browser downloads the script instead.');
      return sendJson(res, 200, await options.dispatch(method, input, requestId));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET here.');
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = normalize(join(options.staticDir, relative));
    if (!file.startsWith(normalize(options.staticDir) + sep)) return refuse(res, 404, 'Not found.');
    const content = await readFile(file).catch(() => null);
    if (content === null) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    send(res, 200, content, mimeTypes[extname(file)] ?? 'application/octet-stream', { 'Cache-Control': 'no-cache' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The request failed.' } });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${options.token}`,
        port,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
