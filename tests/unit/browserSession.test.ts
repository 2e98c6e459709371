import { describe, expect, it } from 'vitest';
import { BrowserSession, cookieValue, sessionCookieName } from '../../src/main/transports/browserSession';

const valueOf = (setCookie: string) => setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

describe('BrowserSession', () => {
  it('names its cookie by port, so two runs on 127.0.0.1 each keep their session in one browser', () => {
    const a = new BrowserSession(() => 4101);
    const b = new BrowserSession(() => 4102);
    const cookieA = a.setCookie();
    const cookieB = b.setCookie();
    expect(cookieA.startsWith(`${sessionCookieName(4101)}=`)).toBe(true);
    expect(cookieB.startsWith(`${sessionCookieName(4102)}=`)).toBe(true);
    // What the browser sends to either port once both are signed in (cookies are per host, not per port).
    const jar = `${sessionCookieName(4101)}=${valueOf(cookieA)}; ${sessionCookieName(4102)}=${valueOf(cookieB)}`;
    expect(a.signedIn(jar)).toBe(true);
    expect(b.signedIn(jar)).toBe(true);
    // Another run's secret under this run's name is refused.
    expect(a.signedIn(`${sessionCookieName(4101)}=${valueOf(cookieB)}`)).toBe(false);
    expect(a.signedIn(undefined)).toBe(false);
  });

  it('trades its newest code once', () => {
    const s = new BrowserSession(() => 4103);
    const old = s.issueCode();
    const code = s.issueCode();
    expect(s.redeem(old)).toBe(false);
    expect(s.redeem(code)).toBe(true);
    expect(s.redeem(code)).toBe(false);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; warden_session_1=x=y; b=2', 'warden_session_1')).toBe('x=y');
    expect(cookieValue('a=1', 'warden_session_1')).toBeUndefined();
    expect(cookieValue(undefined, 'a')).toBeUndefined();
  });
});
