import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Dispatch } from '../backend/dispatcher';
import { desktopOnlyMethods, exportDownloadPrefix } from '../../shared/api/contract';
import type { DownloadSource } from '../backend/export/exportJobs';
import { responseSink } from './downloadSink';
import type { ErrorCode } from '../../shared/api/errors';
import type { BrowserSession } from './browserSession';
import { readBody, redirect, refuse, send, sendJson, startStream } from './httpReply';

/** The one API route: POST {method, input, requestId}, answered with an envelope. */
export const invokePath = '/api/invoke';
/** Where the printed address points: `GET /sign-in?code=…` trades the code for the session cookie. */
export const signInPath = '/sign-in';

/**
 * The largest API request accepted. why: the contract's biggest request is changes.apply
 * with 10,000 changes; 10,000 grants on 20 columns each, every name 63 bytes of 4-byte
 * characters, come to 17 MB of JSON (tests/unit/httpRoutes.test.ts builds it), so 32 MB
 * leaves room while a runaway body is still cut off early.
 */
export const defaultMaxBodyBytes = 32 * 1024 * 1024;

/** What a route handler is given. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  dispatch: Dispatch;
  /** Exports waiting for their download (null: this server offers none). */
  downloads: DownloadSource | null;
  session: BrowserSession;
  staticDir: string;
  maxBodyBytes: number;
  /** Called when a browser has just signed in with a code. */
  signedIn: () => void;
}

/**
 * One route of browser mode's HTTP server. The guards are data, so a test walks this table
 * and proves each refusal on each route (tests/unit/httpRoutes.test.ts).
 */
export interface HttpRoute {
  name: string;
  methods: readonly ('GET' | 'HEAD' | 'POST')[];
  matches(pathname: string): boolean;
  /** A path this route answers, for tests that walk the table. */
  example: string;
  /** `session`: needs the session cookie; `code`: the one-time code (or the cookie) is checked by the handler. */
  access: 'session' | 'code';
  /** How a refusal looks: a JSON envelope (API), or a page that says how to sign in (the UI). */
  refusal: 'json' | 'page';
  handle(ctx: RouteContext): Promise<void>;
}

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

/** The page shown to a browser that has no session: says where the way in is. */
export const signInPage =
  '<!doctype html><meta charset="utf-8"><title>Warden</title><p>Open the address Warden printed in its terminal ' +
  '(<code>http://127.0.0.1:…/sign-in?code=…</code>). Each address works once; after it is used, Warden prints a fresh one.</p>';

const signIn: HttpRoute = {
  name: 'sign in with the one-time code',
  methods: ['GET'],
  matches: (p) => p === signInPath,
  example: `${signInPath}?code=x`,
  access: 'code',
  refusal: 'page',
  handle: ({ url, res, session, req, signedIn }) => {
    if (session.redeem(url.searchParams.get('code') ?? undefined)) {
      redirect(res, '/', { 'Set-Cookie': session.setCookie() });
      signedIn();
    } else if (session.signedIn(req.headers.cookie)) {
      // why: a reload of an old address in a browser already signed in just opens the app.
      redirect(res, '/');
    } else {
      send(res, 401, signInPage, 'text/html; charset=utf-8');
    }
    return Promise.resolve();
  },
};

const invoke: HttpRoute = {
  name: 'API call',
  methods: ['POST'],
  matches: (p) => p === invokePath,
  example: invokePath,
  access: 'session',
  refusal: 'json',
  handle: async ({ req, res, dispatch, maxBodyBytes }) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON.');
    const body = await readBody(req, maxBodyBytes);
    if (body === null) {
      const mb = Math.round(maxBodyBytes / 1024 / 1024);
      return refuse(res, 413, `The request is larger than ${mb} MB; stage fewer changes at once.`, { Connection: 'close' });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return refuse(res, 400, 'The request is not JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(res, 400, 'The request must be a JSON object.');
    const { method, input, requestId } = parsed as { method?: unknown; input?: unknown; requestId?: unknown };
    if (typeof method !== 'string') return refuse(res, 400, 'The request names no method (a string such as "app.info").');
    // why: no HTTP route writes or reads the user's files (a page could be any local site's).
    if (desktopOnlyMethods.has(method)) return refuse(res, 403, 'Only the desktop app offers this; the browser downloads the script instead.');
    const reply = await dispatch(method, input, requestId);
    if (reply.ok && 'json' in reply) {
      // why: a reply made as JSON text in a worker goes out as is, never parsed here.
      const notices = reply.notices === undefined ? '' : `,"notices":${JSON.stringify(reply.notices)}`;
      return send(res, 200, `{"ok":true,"value":${reply.json}${notices}}`, 'application/json; charset=utf-8');
    }
    sendJson(res, reply.ok ? 200 : (refusalStatus[reply.error.code] ?? 200), reply);
  },
};

const download: HttpRoute = {
  name: 'CSV download',
  methods: ['GET'],
  matches: (p) => p.startsWith(`${exportDownloadPrefix}/`),
  example: `${exportDownloadPrefix}/example`,
  access: 'session',
  refusal: 'json',
  handle: ({ req, res, url, downloads }) => {
    // why: a download starts work; only our own page may start it (a link on another site
    // carries no cookie under SameSite=Strict, and its request says so here too).
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return Promise.resolve(refuse(res, 403, 'Downloads start from Warden’s own page only.'));
    const claim = downloads?.claim(url.pathname.slice(exportDownloadPrefix.length + 1)) ?? null;
    if (claim === null) return Promise.resolve(refuse(res, 404, 'This download has begun already or has expired; click Download CSV again.'));
    startStream(res, 'text/csv; charset=utf-8', { 'Content-Disposition': `attachment; filename="${claim.fileName}"` });
    // why: the browser lists the download (and offers its own Cancel) at once, while the catalog is still read.
    res.flushHeaders();
    // why: the browser's own Cancel (or a closed tab) ends the export and its worker too.
    res.on('close', () => {
      if (!res.writableFinished) claim.cancel('The download was stopped in the browser before it ended.');
    });
    claim.start(responseSink(res));
    return Promise.resolve();
  },
};

/** HTTP statuses for the dispatcher's refusals of a request; other failures are answers (200). */
const refusalStatus: Partial<Record<ErrorCode, number>> = { invalid_input: 400, unknown_method: 404, forbidden: 403 };

const staticFiles: HttpRoute = {
  name: 'the built UI',
  methods: ['GET', 'HEAD'],
  matches: () => true,
  example: '/',
  access: 'session',
  refusal: 'page',
  handle: async ({ url, res, staticDir }) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return refuse(res, 400, 'The path has a broken %-escape.');
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(staticDir, relative));
    if (relative.includes('\0') || !file.startsWith(normalize(staticDir) + sep)) return refuse(res, 404, 'Not found.');
    const content = await readFile(file).catch(() => null);
    if (content === null) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    send(res, 200, content, mimeTypes[extname(file)] ?? 'application/octet-stream', { 'Cache-Control': 'no-cache' });
  },
};

/** Every route, first match wins (the built UI takes whatever is left). */
export const httpRoutes: readonly HttpRoute[] = [signIn, invoke, download, staticFiles];

/** The route for a path. */
export function routeFor(pathname: string): HttpRoute {
  const route = httpRoutes.find((r) => r.matches(pathname));
  if (route === undefined) throw new Error(`No route for ${pathname}; the UI route should take everything.`);
  return route;
}
