/**
 * Defines `navigator.userAgent` as Node.js 21 and later do themselves, where Node.js 20 has
 * none. why: without it, pg asks at import time whether it runs on Cloudflare Workers by
 * building a fetch `Response`, which loads Node's whole fetch implementation (undici): ~30 ms
 * of every command's 0.2 s start. A no-op where `navigator` exists.
 */
export function defineNodeNavigator(): void {
  if ('navigator' in globalThis) return;
  const major = process.versions.node.split('.')[0] ?? '';
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${major}` }, configurable: true, writable: true, enumerable: true });
}
