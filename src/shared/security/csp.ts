/**
 * The Content-Security-Policy for our pages: the one source for the `<meta>` tag the build
 * puts in index.html (electron.vite.config.ts), the header browser mode sends
 * (transports/httpReply.ts) and the header Electron adds to our own pages (electron/main.ts).
 * In development the Vite dev server needs an inline React Refresh preamble and a websocket
 * for hot reload; the built app needs neither.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  return directives(devServerUrl).join('; ');
}

/**
 * The same policy for a `<meta http-equiv>` tag. why: browsers ignore frame-ancestors in a
 * meta tag (and log an error for it); the headers carry it, and X-Frame-Options backs it.
 */
export function contentSecurityPolicyMeta(devServerUrl?: string): string {
  return directives(devServerUrl)
    .filter((d) => !d.startsWith('frame-ancestors '))
    .join('; ');
}

function directives(devServerUrl: string | undefined): string[] {
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
  ];
}
