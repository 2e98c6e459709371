import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { methods } from '../../src/shared/api/contract';
import { UserError } from '../../src/shared/api/errors';
import { createDispatcher, type Dispatch, type Handlers } from '../../src/main/backend/dispatcher';
import { createIpcHandler, invokeChannel, trustedRendererUrl } from '../../src/main/transports/ipc';

const indexPath = '/opt/Warden/resources/app.asar/out/renderer/index.html';
const indexUrl = pathToFileURL(indexPath).href;
const devServer = 'http://localhost:5173/';

function fakeHandlers(): Handlers {
  const notHere = () => Promise.reject(new UserError('not_ready', 'Not in this test.'));
  const handlers = Object.fromEntries(methods.map((m) => [m, notHere])) as unknown as Handlers;
  handlers['app.info'] = () => Promise.resolve({ mode: 'electron', version: '1.2.3', passwordStorage: 'sealed', scriptExport: 'dialog' });
  return handlers;
}

/** An IPC event from the window's main (top-level) frame at `url`. */
function frame(url: string) {
  const main = { url, parent: null };
  return { senderFrame: main, sender: { mainFrame: main } };
}

describe('invokeChannel', () => {
  it('is the one namespaced channel', () => {
    expect(invokeChannel).toBe('warden:invoke');
  });
});

describe('trustedRendererUrl', () => {
  const built = trustedRendererUrl(indexUrl);
  const dev = trustedRendererUrl(indexUrl, devServer);

  it('trusts our index.html, with or without hash and query', () => {
    expect(built(indexUrl)).toBe(true);
    expect(built(`${indexUrl}#/roles`)).toBe(true);
    expect(built(`${indexUrl}?tab=grid#x`)).toBe(true);
  });

  it('trusts the same file however its path is percent-encoded', () => {
    const spaced = trustedRendererUrl(pathToFileURL('/home/a b/out/renderer/index.html').href);
    expect(spaced('file:///home/a%20b/out/renderer/index.html')).toBe(true);
    expect(spaced('file:///home/a%20b/out/renderer/%69ndex.html')).toBe(true);
  });

  it.each([
    'file:///other/index.html',
    'file:///opt/Warden/resources/app.asar/out/renderer/other.html',
    'file:///opt/Warden/resources/app.asar/out/renderer/index.html/..',
    'file:///opt/Warden/resources/app.asar/out/renderer/index.htm',
    'file://evilhost/opt/Warden/resources/app.asar/out/renderer/index.html',
    'file:///opt/Warden/resources/app.asar/out%2Frenderer/index.html',
    'https://evil.example/',
    'http://localhost:5173/',
    'about:blank',
    'data:text/html,<p>hi</p>',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('does not trust %s in a built app', (url) => {
    expect(built(url)).toBe(false);
  });

  it('trusts any page of the dev server origin, and our file, in development', () => {
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/index.html?x=1#y')).toBe(true);
    expect(dev(indexUrl)).toBe(true);
  });

  it.each(['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'http://localhost.evil.example:5173/', 'ws://localhost:5173/'])(
    'does not trust %s in development',
    (url) => {
      expect(dev(url)).toBe(false);
    },
  );

  it('refuses to build a predicate from a non-file index or a non-http dev server', () => {
    expect(() => trustedRendererUrl('https://example.com/index.html')).toThrow(/file: URL/);
    expect(() => trustedRendererUrl(indexUrl, 'file:///tmp/')).toThrow(/http/);
    expect(() => trustedRendererUrl(indexUrl, 'garbage')).toThrow(/http/);
  });
});

describe('createIpcHandler', () => {
  const dispatch = createDispatcher(fakeHandlers(), () => undefined);
  const handle = createIpcHandler(dispatch, trustedRendererUrl(indexUrl));

  it('forwards calls from our page to the dispatcher', async () => {
    await expect(handle(frame(indexUrl), 'app.info', {})).resolves.toEqual({
      ok: true,
      value: { mode: 'electron', version: '1.2.3', passwordStorage: 'sealed', scriptExport: 'dialog' },
    });
    await expect(handle(frame(`${indexUrl}#/grid`), 'app.info', undefined)).resolves.toMatchObject({ ok: true });
  });

  it('passes the dispatcher’s refusals through: unknown method, bad input, user errors', async () => {
    await expect(handle(frame(indexUrl), 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    await expect(handle(frame(indexUrl), '__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    await expect(handle(frame(indexUrl), 42, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    await expect(handle(frame(indexUrl), 'tree.schemas', { connectionId: 'c' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expect(handle(frame(indexUrl), 'roles.list', { connectionId: 'c' })).resolves.toEqual({
      ok: false,
      error: { code: 'not_ready', message: 'Not in this test.' },
    });
  });

  it.each(['https://evil.example/', 'file:///other/index.html', 'http://localhost:5173/', 'about:blank'])(
    'answers forbidden to a frame at %s without calling the dispatcher',
    async (url) => {
      const spy = vi.fn<Dispatch>(dispatch);
      const guarded = createIpcHandler(spy, trustedRendererUrl(indexUrl));
      await expect(guarded(frame(url), 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('answers forbidden when the sender frame is gone', async () => {
    const spy = vi.fn<Dispatch>(dispatch);
    const guarded = createIpcHandler(spy, () => true);
    await expect(guarded({ senderFrame: null, sender: { mainFrame: {} } }, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers forbidden to a subframe, even one showing our own page, and to a frame that is not the main one', async () => {
    const spy = vi.fn<Dispatch>(dispatch);
    const guarded = createIpcHandler(spy, trustedRendererUrl(indexUrl));
    const main = { url: indexUrl, parent: null };
    const sub = { url: indexUrl, parent: main };
    await expect(guarded({ senderFrame: sub, sender: { mainFrame: main } }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const otherTop = { url: indexUrl, parent: null };
    await expect(guarded({ senderFrame: otherTop, sender: { mainFrame: main } }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(spy).not.toHaveBeenCalled();
    await expect(guarded({ senderFrame: main, sender: { mainFrame: main } }, 'app.info', {})).resolves.toMatchObject({ ok: true });
  });

  it('still answers with an envelope if a dispatcher breaks its never-throw promise', async () => {
    const broken: Dispatch = () => Promise.reject(new Error('secret detail'));
    const reply = await createIpcHandler(broken, () => true)(frame(indexUrl), 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('secret detail');
  });
});
