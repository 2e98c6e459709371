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
