// why: this module holds the window's security settings as plain data and pure functions,
// with no electron import, so unit tests can check them without an Electron binary.

/** The webPreferences every Warden window gets: isolated, sandboxed, no Node in the page. */
export function windowWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
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
  } as const;
}

/** Size and first paint of the main window (shown once ready, to avoid a white flash). */
export const mainWindowOptions = {
  width: 1280,
  height: 800,
  minWidth: 900,
  minHeight: 560,
  title: 'Warden',
  show: false,
} as const;

/**
 * The Content-Security-Policy for our pages. In development the Vite dev server needs an
 * inline React Refresh preamble and a websocket for hot reload; the built app needs neither.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl === undefined ? null : new URL(devServerUrl);
  const hmrSocket = dev === null ? '' : ` ${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
  return [
    "default-src 'none'",
    // why: in development Vite injects CSS as <style> tags and React Refresh as an inline
    // script. Style props set by React go through the CSSOM, which CSP does not block.
    dev === null ? "script-src 'self'" : "script-src 'self' 'unsafe-inline'",
    dev === null ? "style-src 'self'" : "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${hmrSocket}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The URL to open in the user's browser when a link asks to leave Warden, or null for anything not http(s). */
export function externalLinkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/**
 * The dev server electron-vite started (ELECTRON_RENDERER_URL), only in an unpackaged app
 * and only on a loopback http(s) address; otherwise undefined and the built files are loaded.
 */
export function devServerUrl(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return undefined;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !loopback) return undefined;
  return parsed.href;
}

/**
 * Permission policy: everything is denied except writing plain text to the clipboard from
 * our own page (the Copy SQL buttons need it; Chromium sanitizes it and wants a user gesture).
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, isTrustedUrl: (url: string) => boolean): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isTrustedUrl(requestingUrl);
}
