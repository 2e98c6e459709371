import { invokePath } from '../../src/main/transports/http';
import { sessionCookieName } from '../../src/main/transports/browserSession';
import type { Envelope } from '../../src/shared/api/envelope';

/** A Node-side client signed in to a browser-mode server, as a browser would be. */
export interface SignedInClient {
  origin: string;
  /** The session cookie's value (for a browser context's addCookies). */
  sessionCookie: { name: string; value: string };
  /** POSTs one API call with our Origin and the session cookie. */
  invoke(method: unknown, input: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Envelope<unknown> }>;
}

/** Trades a printed sign-in address (`/sign-in?code=…`) for the session cookie, as the page load does. */
export async function signIn(signInUrl: string): Promise<SignedInClient> {
  const { origin, port } = new URL(signInUrl);
  const name = sessionCookieName(Number(port));
  const res = await fetch(signInUrl, { redirect: 'manual' });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const value = new RegExp(`^${name}=([^;]+)`).exec(setCookie)?.[1];
  if (res.status !== 303 || value === undefined) throw new Error(`Signing in at ${origin} failed: HTTP ${res.status}.`);
  const cookie = `${name}=${value}`;
  return {
    origin,
    sessionCookie: { name, value },
    invoke: async (method, input, headers = {}) => {
      const r = await fetch(`${origin}${invokePath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie, ...headers },
        body: JSON.stringify({ method, input }),
      });
      return { status: r.status, body: (await r.json()) as Envelope<unknown> };
    },
  };
}
