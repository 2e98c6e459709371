import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The cookie that carries the session of browser mode on `port` once the one-time code was
 * used. why: cookies are kept per host, not per port, so two Warden runs on 127.0.0.1 (or
 * another local server) with one name would overwrite each other's session; by port, each
 * run keeps its own.
 */
export function sessionCookieName(port: number): string {
  return `warden_session_${port}`;
}

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (given === undefined || expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Browser mode's sign-in: the address Warden prints carries a one-time code (192 bits) that
 * dies at its first use, when it is exchanged for an HttpOnly, SameSite=Strict session
 * cookie. Page scripts never see a secret (no token in sessionStorage), and a code read
 * later from a terminal log or a process list opens nothing. Only the newest code works.
 */
export class BrowserSession {
  private readonly secret = randomBytes(24).toString('base64url');
  private code: string | undefined;

  /** `port`: the server's port once it listens (the cookie's name holds it). */
  constructor(private readonly port: () => number) {}

  /** A fresh one-time code; any older unused code stops working. */
  issueCode(): string {
    this.code = randomBytes(24).toString('base64url');
    return this.code;
  }

  /** True once for the live code, which then dies; false for anything else. */
  redeem(code: string | undefined): boolean {
    if (!sameSecret(code, this.code)) return false;
    this.code = undefined;
    return true;
  }

  /** True when the request's Cookie header holds this run's session. */
  signedIn(cookieHeader: string | undefined): boolean {
    return sameSecret(cookieValue(cookieHeader, sessionCookieName(this.port())), this.secret);
  }

  /** The Set-Cookie header that signs a browser in for this run (no Max-Age: gone with the browser session). */
  setCookie(): string {
    return `${sessionCookieName(this.port())}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
