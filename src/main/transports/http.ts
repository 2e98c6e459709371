import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../backend/dispatcher';
import type { DownloadSource } from '../backend/export/exportJobs';
import { BrowserSession } from './browserSession';
import { refuse, send } from './httpReply';
import { defaultMaxBodyBytes, routeFor, signInPage, signInPath } from './httpRoutes';

export { invokePath, signInPath } from './httpRoutes';

/** Browser mode's HTTP transport options. */
export interface HttpTransportOptions {
  dispatch: Dispatch;
  /** Exports the page downloads (the backend's); absent: no downloads offered. */
  downloads?: DownloadSource;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest API request (tests lower it); default {@link defaultMaxBodyBytes}. */
  maxBodyBytes?: number;
}

/** A running browser-mode server. */
export interface HttpTransport {
  port: number;
  /** A fresh sign-in address; its code works once, and any older unused one dies. */
  signInUrl(): string;
  /** Called after a code was used (serve.ts prints the next address for another browser). */
  onSignIn(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Serves the built renderer and the API on 127.0.0.1 only. Every request must name this
 * server in Host (no DNS rebinding); a request with a foreign Origin is refused, and a POST
 * must carry ours; everything but the one-time sign-in needs the session cookie (see
 * BrowserSession). The API runs contract methods, never SQL text or files (desktop-only
 * methods such as script.save are refused here). Routes: httpRoutes.ts.
 */
export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  let port = options.port;
  const session = new BrowserSession(() => port);
  const listeners: (() => void)[] = [];
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'Unknown host.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const route = routeFor(url.pathname);
    const method = req.method ?? '';
    if (!(route.methods as readonly string[]).includes(method)) {
      return refuse(res, 405, `Use ${route.methods.join(' or ')} here.`, { Allow: route.methods.join(', ') });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'Cross-origin calls are refused.');
    // why: browsers send Origin on every POST; a POST without one is not from our page.
    if (method === 'POST' && origin === undefined) return refuse(res, 403, 'A request that changes something must carry an Origin header.');
    if (route.access === 'session' && !session.signedIn(req.headers.cookie)) {
      if (route.refusal === 'page') return send(res, 401, signInPage, 'text/html; charset=utf-8');
      return refuse(res, 401, 'Not signed in: open the address Warden printed in its terminal.');
    }
    const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
    const signedIn = () => listeners.forEach((l) => l());
    await route.handle({ req, res, url, dispatch: options.dispatch, downloads: options.downloads ?? null, session, staticDir: options.staticDir, maxBodyBytes, signedIn });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'The request failed.');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        signInUrl: () => `http://127.0.0.1:${port}${signInPath}?code=${session.issueCode()}`,
        onSignIn: (listener) => listeners.push(listener),
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
