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

/** Everything `new BrowserWindow(…)` gets for the main window (asserted whole in tests/unit/electronShell.test.ts). */
export function mainWindowConstructorOptions(preloadPath: string) {
  return { ...mainWindowOptions, webPreferences: windowWebPreferences(preloadPath) };
}

/** The pages' CSP, shared with browser mode's HTTP transport. */
export { contentSecurityPolicy } from '../../shared/security/csp';

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
