import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicyMeta } from '../../src/shared/security/csp';
import { invokeChannel, trustedRendererUrl } from '../../src/main/transports/ipc';
import {
  contentSecurityPolicy,
  devServerUrl,
  externalLinkUrl,
  mainWindowConstructorOptions,
  mainWindowOptions,
  permissionAllowed,
  windowWebPreferences,
} from '../../src/main/electron/windowOptions';

const indexUrl = 'file:///app/out/renderer/index.html';

// why: the real 'electron' package needs its binary; the preload only touches these two calls.
const electronFake = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() => Promise.resolve({ ok: true, value: 'reply' })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electronFake.exposeInMainWorld },
  ipcRenderer: { invoke: electronFake.invoke },
}));

describe('windowWebPreferences', () => {
  const prefs = windowWebPreferences('/app/out/preload/index.cjs');

  it('isolates and sandboxes the page, with no Node anywhere in it', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('holds nothing that loosens security', () => {
    const keys = Object.keys(prefs);
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'additionalArguments', 'plugins', 'partition']) {
      expect(keys).not.toContain(risky);
    }
  });

  it('shows the window only once it has painted', () => {
    expect(mainWindowOptions.show).toBe(false);
  });

  it('is exactly what the main window is constructed with, nothing more', () => {
    expect(mainWindowConstructorOptions('/app/out/preload/index.cjs')).toStrictEqual({
      width: 1280,
      height: 800,
      minWidth: 900,
      minHeight: 560,
      title: 'Warden',
      show: false,
      webPreferences: {
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        safeDialogs: true,
      },
    });
  });
});

const root = join(import.meta.dirname, '..', '..');

/** The `key: value` lines of one top-level block of electron-builder.yml (flat blocks only). */
function yamlBlock(text: string, block: string): Map<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `${block}:`);
  if (start < 0) return new Map();
  const out = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^ {2}(\w+): *(.*?)\s*$/.exec(line);
    if (!m) break;
    out.set(m[1] ?? '', m[2] ?? '');
  }
  return out;
}

describe('electron-builder flips the fuses of the packaged binary', () => {
  const fuses = yamlBlock(readFileSync(join(root, 'electron-builder.yml'), 'utf8'), 'electronFuses');

  it('cannot run as Node, take NODE_OPTIONS or --inspect, and loads only its integrity-checked asar', () => {
    expect(Object.fromEntries(fuses)).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
    });
  });

  it('names only fuses electron-builder knows (its own configuration schema)', () => {
    const scheme = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
    };
    const known = scheme.definitions.FuseOptionsV1.properties;
    for (const [name, value] of fuses) {
      expect(known[name]?.type, name).toBe('boolean');
      expect(['true', 'false'], name).toContain(value);
    }
  });
});

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d]));

  it('allows only our own scripts and no plugins, frames or foreign connections in a built app', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toBe("default-src 'none'");
    expect(csp.get('script-src')).toBe("script-src 'self'");
    expect(csp.get('style-src')).toBe("style-src 'self'");
    expect(csp.get('connect-src')).toBe("connect-src 'self'");
    expect(csp.get('object-src')).toBe("object-src 'none'");
    expect(csp.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp.get('base-uri')).toBe("base-uri 'none'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe/);
  });

  it('is the same policy in the meta tag, less frame-ancestors (ignored there)', () => {
    expect(contentSecurityPolicyMeta()).toBe(contentSecurityPolicy().replace("; frame-ancestors 'none'", ''));
    expect(contentSecurityPolicyMeta('http://localhost:5173/')).toBe(contentSecurityPolicy('http://localhost:5173/').replace("; frame-ancestors 'none'", ''));
  });

  it('lets the dev server’s hot reload in, and nothing else, in development', () => {
    const csp = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(csp.get('script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(csp.get('connect-src')).toBe("connect-src 'self' ws://localhost:5173");
  });
});

describe('externalLinkUrl', () => {
  it.each(['https://www.postgresql.org/docs/current/ddl-priv.html', 'http://example.com/a?b=c#d'])('opens %s', (url) => {
    expect(externalLinkUrl(url)).toBe(url);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://x',
    'data:text/html,hi',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(externalLinkUrl(url)).toBeNull();
  });
});

describe('devServerUrl', () => {
  it('uses ELECTRON_RENDERER_URL on loopback in an unpackaged app', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/');
  });

  it('ignores it in a packaged app, off loopback, or when it is not http(s)', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/index.html' }, false)).toBeUndefined();
    expect(devServerUrl({ ELECTRON_RENDERER_URL: '' }, false)).toBeUndefined();
    expect(devServerUrl({}, false)).toBeUndefined();
  });
});

describe('permissionAllowed', () => {
  const trusted = trustedRendererUrl(indexUrl);

  it('lets our page write to the clipboard', () => {
    expect(permissionAllowed('clipboard-sanitized-write', indexUrl, trusted)).toBe(true);
  });

  it('denies every other permission, and the clipboard to anyone else', () => {
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fileSystem', 'hid', 'usb', 'serial']) {
      expect(permissionAllowed(p, indexUrl, trusted)).toBe(false);
    }
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', trusted)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined, trusted)).toBe(false);
  });
});

describe('preload', () => {
  it('exposes exactly warden.invoke, which forwards to the shared channel and nothing else', async () => {
    await import('../../src/main/electron/preload');
    expect(electronFake.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, exposed] = electronFake.exposeInMainWorld.mock.calls[0] ?? [];
    expect(key).toBe('warden');
    expect(Object.keys(exposed as object)).toEqual(['invoke']);
    const { invoke } = exposed as { invoke: (method: string, input: unknown, requestId?: string) => Promise<unknown> };
    await expect(invoke('app.info', { a: 1 }, 'r1')).resolves.toEqual({ ok: true, value: 'reply' });
    expect(electronFake.invoke).toHaveBeenCalledWith(invokeChannel, 'app.info', { a: 1 }, 'r1');
  });
});
