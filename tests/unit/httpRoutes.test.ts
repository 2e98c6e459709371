import { request } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHttpTransport, type HttpTransport } from '../../src/main/transports/http';
import { defaultMaxBodyBytes, httpRoutes, invokePath, routeFor, type HttpRoute } from '../../src/main/transports/httpRoutes';
import { sessionCookieName } from '../../src/main/transports/browserSession';
import type { DownloadSource } from '../../src/main/backend/export/exportJobs';
import type { Envelope } from '../../src/shared/api/envelope';
import { api, exportDownloadPrefix } from '../../src/shared/api/contract';
import { changeSchema } from '../../src/shared/changes/schema';
import { makeTempDir } from '../support/tempDir';
import { signIn, type SignedInClient } from '../support/httpSignIn';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let http: HttpTransport;
let client: SignedInClient;
const dispatch = vi.fn((method: unknown): Promise<Envelope<unknown>> => Promise.resolve({ ok: true, value: { method } }));
const smallLimit = 64 * 1024;
/** Downloads for the route walk: any id but `gone` streams two chunks; `gone` was used already. */
const claimed = vi.fn();
const downloads: DownloadSource = {
  claim: (jobId) =>
    jobId === 'gone'
      ? null
      : {
          fileName: 'db-privileges.csv',
          start: (sink) => {
            claimed(jobId);
            void sink.write(new TextEncoder().encode('role,schema\n')).then(() => sink.finish());
          },
          cancel: () => undefined,
        },
};

/** Speaks HTTP by hand: fetch() may not set Host, and always sets some headers itself. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: http.port, method, path, headers, setHost: false, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const origin = () => `http://127.0.0.1:${http.port}`;
const host = () => `127.0.0.1:${http.port}`;
const cookie = () => `${sessionCookieName(http.port)}=${client.sessionCookie.value}`;

/** A request that this route accepts: good Host, our Origin, the session, JSON. */
function goodHeaders(route: HttpRoute, method: string): Record<string, string> {
  const h: Record<string, string> = { host: host(), cookie: cookie() };
  if (method === 'POST') Object.assign(h, { origin: origin(), 'content-type': 'application/json' });
  if (route.access === 'code') delete h.cookie;
  return h;
}
const goodBody = (method: string) => (method === 'POST' ? JSON.stringify({ method: 'app.info', input: {} }) : undefined);

beforeAll(async () => {
  dir = await makeTempDir('http-routes');
  await writeFile(join(dir.path, 'index.html'), '<!doctype html><title>Warden</title>');
  http = await startHttpTransport({ dispatch, downloads, staticDir: dir.path, port: 0, maxBodyBytes: smallLimit });
  client = await signIn(http.signInUrl());
});
afterAll(async () => {
  await http.close();
  await dir.remove();
});
beforeEach(() => {
  dispatch.mockClear();
  claimed.mockClear();
});

describe('every route refuses what it must (walked from the route table)', () => {
  const cases = httpRoutes.flatMap((route) => route.methods.map((method) => ({ route, method, name: `${method} ${route.example} (${route.name})` })));

  it('covers the four routes', () => {
    expect(httpRoutes.map((r) => r.name)).toEqual(['sign in with the one-time code', 'API call', 'CSV download', 'the built UI']);
    expect(routeFor('/assets/index.js')).toBe(httpRoutes[3]);
  });

  it.each(cases)('$name: refuses a foreign Host (DNS rebinding)', async ({ route, method }) => {
    const r = await raw(method, route.example, { ...goodHeaders(route, method), host: `evil.example:${http.port}` }, goodBody(method));
    expect(r.status).toBe(421);
    expect(dispatch).not.toHaveBeenCalled();
    expect(claimed).not.toHaveBeenCalled();
  });

  it.each(cases)('$name: refuses a foreign Origin', async ({ route, method }) => {
    const r = await raw(method, route.example, { ...goodHeaders(route, method), origin: 'https://evil.example' }, goodBody(method));
    expect(r.status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
    expect(claimed).not.toHaveBeenCalled();
  });

  it.each(cases)('$name: refuses a missing session or code, and a wrong one', async ({ route, method }) => {
    const headers = goodHeaders(route, method);
    delete headers.cookie;
    const path = route.access === 'code' ? route.example.replace(/code=.*/, '') : route.example;
    const none = await raw(method, path, headers, goodBody(method));
    expect(none.status).toBe(401);
    const wrongPath = route.access === 'code' ? route.example.replace(/code=.*/, 'code=not-the-code') : route.example;
    const wrong = await raw(method, wrongPath, { ...headers, cookie: `${sessionCookieName(http.port)}=not-the-session` }, goodBody(method));
    expect(wrong.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
    expect(claimed).not.toHaveBeenCalled();
  });

  it.each(cases.filter((c) => c.method === 'POST'))('$name: refuses a POST without Origin', async ({ route, method }) => {
    const headers = goodHeaders(route, method);
    delete headers.origin;
    const r = await raw(method, route.example, headers, goodBody(method));
    expect(r.status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each(cases)('$name: refuses the methods it does not take', async ({ route }) => {
    for (const other of ['PUT', 'DELETE', 'PATCH', 'GET', 'POST'].filter((m) => !(route.methods as readonly string[]).includes(m))) {
      const r = await raw(other, route.example, { ...goodHeaders(route, other), origin: origin() }, other === 'GET' ? undefined : '{}');
      expect(r.status, other).toBe(405);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each(cases.filter((c) => c.route.access === 'session'))('$name: answers when nothing is wrong', async ({ route, method }) => {
    const r = await raw(method, route.example, goodHeaders(route, method), goodBody(method));
    expect(r.status).toBe(200);
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
  });
});

describe('the CSV download route', () => {
  it('streams a claimed export as an attachment, with the security headers', async () => {
    const r = await raw('GET', `${exportDownloadPrefix}/abc`, { host: host(), cookie: cookie(), 'sec-fetch-site': 'same-origin' });
    expect(r).toMatchObject({ status: 200, body: 'role,schema\n' });
    expect(r.headers['content-disposition']).toBe('attachment; filename="db-privileges.csv"');
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(claimed).toHaveBeenCalledWith('abc');
  });

  it('refuses one started from another site, and one used already', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const r = await raw('GET', `${exportDownloadPrefix}/abc`, { host: host(), cookie: cookie(), 'sec-fetch-site': site });
      expect(r.status, site).toBe(403);
    }
    const gone = await raw('GET', `${exportDownloadPrefix}/gone`, { host: host(), cookie: cookie() });
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('click Download CSV again');
    expect(claimed).not.toHaveBeenCalled();
  });
});

describe('the one-time sign-in code', () => {
  it('is traded once for an HttpOnly, SameSite=Strict cookie, then dies', async () => {
    const url = new URL(http.signInUrl());
    const first = await raw('GET', `${url.pathname}${url.search}`, { host: host() });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName(http.port)}=[\\w-]{32}; HttpOnly; SameSite=Strict; Path=/$`));
    const again = await raw('GET', `${url.pathname}${url.search}`, { host: host() });
    expect(again.status).toBe(401);
    expect(again.body).toContain('Open the address Warden printed');
    // A browser already signed in that reloads the old address just gets the app.
    const signedIn = await raw('GET', `${url.pathname}${url.search}`, { host: host(), cookie: cookie() });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers['set-cookie']).toBeUndefined();
  });

  it('lets only the newest code in, and tells the listener when one was used', async () => {
    const heard = vi.fn();
    http.onSignIn(heard);
    const older = http.signInUrl();
    const newer = http.signInUrl();
    await expect(signIn(older)).rejects.toThrow(/HTTP 401/);
    await expect(signIn(newer)).resolves.toMatchObject({ origin: origin() });
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('shows a page that says how to sign in, not the app, to a browser without a session', async () => {
    const r = await raw('GET', '/', { host: host() });
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('/sign-in?code=');
    expect(r.body).not.toBe('<!doctype html><title>Warden</title>');
  });
});

describe('bad input gets a plain 4xx', () => {
  it('a method that is not a string, or a body that is not an object', async () => {
    for (const body of [{ method: 42 }, { method: null }, { method: ['app.info'] }, {}]) {
      const r = await client.invoke(body.method, {});
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/names no method/) as unknown } });
    }
    for (const text of ['[]', '"app.info"', 'null', '{not json']) {
      const r = await raw('POST', invokePath, { host: host(), origin: origin(), cookie: cookie(), 'content-type': 'application/json' }, text);
      expect(r.status, text).toBe(400);
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('a broken %-escape in a static path', async () => {
    for (const path of ['/%E0%A4%A', '/%zz', '/assets/%']) {
      const r = await raw('GET', path, { host: host(), cookie: cookie() });
      expect(r.status, path).toBe(400);
      expect(r.body).toContain('broken %-escape');
    }
  });

  it('an over-long body: the 413 reaches the client, declared or chunked', async () => {
    // why: far over the limit, so the client is still sending when the refusal comes.
    const changes = ['x'.repeat(8 * 1024 * 1024)];
    const big = JSON.stringify({ method: 'changes.preview', input: { connectionId: 'demo', changes } });
    const declared = await client.invoke('changes.preview', { connectionId: 'demo', changes });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than/) as unknown } });
    const chunked = await raw('POST', invokePath, { host: host(), origin: origin(), cookie: cookie(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big);
    expect(chunked.status).toBe(413);
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('the body limit fits the contract', () => {
  it('takes changes.apply at its most: 10,000 column grants with every name 63 bytes long', () => {
    const name = (c: string) => `${c}${'🐘'.repeat(15)}ab`; // 1 + 60 + 2 = 63 bytes
    const change = {
      kind: 'grantTable',
      database: name('d'),
      schema: name('s'),
      table: name('t'),
      objectKind: 'table',
      privileges: ['SELECT', 'INSERT', 'UPDATE', 'REFERENCES'],
      grantee: { kind: 'role', name: name('r') },
      columns: Array.from({ length: 20 }, (_, i) => name(String.fromCharCode(65 + i))),
      withGrantOption: true,
    };
    expect(changeSchema.safeParse(change).success).toBe(true);
    const input = { connectionId: 'c'.repeat(36), changes: Array.from({ length: 10_000 }, () => change), fingerprint: Array.from({ length: 10_000 }, () => 'f'.repeat(16)).join('.') };
    expect(api['changes.apply'].input.safeParse(input).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify({ method: 'changes.apply', input, requestId: 'r'.repeat(64) }));
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(bytes).toBeLessThan(defaultMaxBodyBytes);
  });
});

describe('a reply made as JSON text in a worker', () => {
  it('goes out as the envelope value, with its notices, never parsed on the way', async () => {
    const reply = { database: 'd', findings: [{ key: 'k "quoted"', message: 'é ✓' }] };
    dispatch.mockImplementationOnce(() => Promise.resolve({ ok: true, json: JSON.stringify(reply), notices: ['Warden reconnected.'] }));
    const r = await client.invoke('findings.list', { connectionId: 'c' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, value: reply, notices: ['Warden reconnected.'] });
  });
});
