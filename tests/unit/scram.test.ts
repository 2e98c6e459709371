import { describe, expect, it } from 'vitest';
import {
  ScramError,
  parseScramVerifier,
  saslprepPassword,
  scramDefaultIterations,
  scramPasswordMatches,
  scramSha256Verifier,
} from '../../src/main/backend/scram';
import { scramVerifierPattern } from '../../src/shared/changes/schema';

/**
 * Verifiers stored by a real server: Debian's PostgreSQL 15 (initdb in a temp dir, single-user
 * mode, password_encryption = scram-sha-256), `CREATE ROLE <r> PASSWORD <password>` for each
 * row, then `SELECT rolname, rolpassword FROM pg_authid`. Re-deriving each with its salt and
 * iteration count must give back the server's string byte for byte.
 */
const serverVerifiers: { what: string; password: string; verifier: string }[] = [
  {
    what: "the brief's plain 'abc'",
    password: 'abc',
    verifier:
      'SCRAM-SHA-256$4096:fSGO0EIta2xNND4MT9IXbQ==$STayvvSTI6SWOBk/GdzGPRDJtWtlZWBDFykMAjrlMgg=:WvyXT/PNkg1E49DabAPP8X3tsfE9/i/acXKn8bPshZ8=',
  },
  {
    what: 'ROMAN NUMERAL NINE, which NFKC turns into "IX"',
    password: '\u2168',
    verifier:
      'SCRAM-SHA-256$4096:MUdmIn4JXiTRXwprgEjWhg==$zEQU+Jq3I6uqkepEKUXwRJCK9JntYUswKcTlelnhqco=:y0nMPJ6ACJoXPD16XZoV5ShNaAJYs92CeTEN+1K7U70=',
  },
  {
    what: 'a soft hyphen, which is mapped to nothing',
    password: 'I\u00ADX',
    verifier:
      'SCRAM-SHA-256$4096:wb/0RW/pQKJo7kJaQNiL3g==$0kllZsiI3tBQyRcHEwTmAvpy8wfmNUqokTU84dntLeU=:8+g03+c+p3sjV5dLlu/ijtrfXHOgLmZl6mEpJA6M5go=',
  },
  {
    what: 'a no-break space, which becomes a plain space',
    password: 'a\u00A0b',
    verifier:
      'SCRAM-SHA-256$4096:8xQpdeSsEbTj6gWI+S1P2Q==$eTDV2TWjG4C6aocL16KxOpaEPlX4qyth5R3SgVlq4LA=:QLxA2mlLn5tBkosar1L0OOhBEO2PkhhaWqEESOnoDW8=',
  },
  {
    what: 'e + combining acute, which NFKC composes',
    password: 'cafe\u0301',
    verifier:
      'SCRAM-SHA-256$4096:NL2iaH+l0Ihnv0IOLOPnzA==$MptCH6eegA0FIEHDxuDl+AKOj57M4kP89YR9UNNTrQk=:Zp8waYq5zG0IFzyCJkim0oUpIfNe559JgFh4VH9+m1w=',
  },
  {
    what: 'a control character next to non-ASCII (prohibited: raw bytes are hashed)',
    password: 'a\u0007\u00E9',
    verifier:
      'SCRAM-SHA-256$4096:qB2ExVzY/ZPdcRgd8hVa9Q==$8kRDhz3R7mxEYdSGmlpYtAXtmVHjjiFvgIaohQhD7wo=:zJfoSRVWaRC8XzLpp+Tm8CcJ/rqb5ZLCcSR9fi8hZ6s=',
  },
  {
    what: 'Hebrew then Latin (bidi rule fails: raw bytes are hashed)',
    password: '\u05D0a',
    verifier:
      'SCRAM-SHA-256$4096:trrNOJZabzdsL3wncRqAsQ==$lQCicr/IN4jW2JdHfKraKxBTDxfVnDemqRezZBzw90c=:P824UYMjOzrmuGyyWZ+et/wPqJ6wM5wB/dJ0PUmH6es=',
  },
  {
    what: 'an emoji, unassigned in Unicode 3.2 (raw bytes are hashed)',
    password: 'pw\u{1F600}',
    verifier:
      'SCRAM-SHA-256$4096:LebcyHpH33TDJmvD58xz7A==$v/0+sR7qtSfzH6M/OI2yvwNPobGPzgSU0pNIi6IcEfI=:rf0RlcsHNrE8mjzlkudSGafgbcI9AE/zI9p70wq/M6M=',
  },
  {
    what: 'quotes and a backslash',
    password: 'it\'s\\x "q"',
    verifier:
      'SCRAM-SHA-256$4096:ukxWdAAwmnRsN7I1/iPxRw==$0/RhZ1yPi3SCpCUMwzcQGiiIyIBou+X8iLbIiTmTM1c=:3eZkWaNJ9UBMGrs0b0jdA2OJQiHvgn84i5+8DWsQ73A=',
  },
  {
    what: 'only a soft hyphen (empty after mapping: raw bytes are hashed)',
    password: '\u00AD',
    verifier:
      'SCRAM-SHA-256$4096:ux1W/XtOxYO6miOPYsUUpA==$bxC+R3e0bPTYQPCvQBvLa9Q42Yls1hqM82HdGRuj6Vo=:NwHh+HfLtUYTbVfUOctK6xrGISYxADWlJG8GV7SWw5w=',
  },
];

describe('scramSha256Verifier', () => {
  it.each(serverVerifiers)('matches PostgreSQL 15 for $what', ({ password, verifier }) => {
    const parts = parseScramVerifier(verifier);
    expect(parts).not.toBeNull();
    if (parts === null) return;
    expect(scramSha256Verifier(password, { salt: parts.salt, iterations: parts.iterations })).toBe(verifier);
    expect(scramPasswordMatches(password, verifier)).toBe(true);
  });

  it('hashes what SASLprep gives, so equivalent spellings share a verifier for the same salt', () => {
    const salt = Buffer.alloc(16, 7);
    const ix = scramSha256Verifier('IX', { salt });
    expect(scramSha256Verifier('\u2168', { salt })).toBe(ix);
    expect(scramSha256Verifier('I\u00ADX', { salt })).toBe(ix);
    expect(scramSha256Verifier('ix', { salt })).not.toBe(ix);
  });

  it('uses 4096 iterations and a fresh 16-byte salt by default', () => {
    const a = scramSha256Verifier('r3p0rt');
    const b = scramSha256Verifier('r3p0rt');
    expect(a).not.toBe(b);
    const parts = parseScramVerifier(a);
    expect(parts?.iterations).toBe(scramDefaultIterations);
    expect(parts?.salt.length).toBe(16);
    expect(a).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
    // The change model accepts exactly this shape as a password.
    expect(a).toMatch(scramVerifierPattern);
    for (const { verifier } of serverVerifiers) expect(verifier).toMatch(scramVerifierPattern);
  });

  it('never lets the plaintext appear in its output', () => {
    // Long enough that a chance match inside base64 is impossible in practice.
    for (const password of ['r3p0rt-S3cret', 'correct horse battery staple', 'abc123abc123', 'pässwörd-☃']) {
      const verifier = scramSha256Verifier(password);
      expect(verifier).not.toContain(password);
      expect(verifier).not.toContain(Buffer.from(password).toString('base64').slice(0, 12));
      expect(verifier).not.toContain(Buffer.from(password).toString('hex').slice(0, 12));
    }
  });

  it('refuses passwords it cannot hash faithfully, without echoing them', () => {
    expect(() => scramSha256Verifier('')).toThrow(ScramError);
    for (const bad of ['sec\0ret', 'sec\uD800ret']) {
      try {
        scramSha256Verifier(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ScramError);
        expect(String(e)).not.toContain('sec');
      }
    }
    expect(() => scramSha256Verifier('x', { iterations: 0 })).toThrow(ScramError);
  });

  it('rejects a wrong password', () => {
    const first = serverVerifiers[0];
    expect(first && scramPasswordMatches('abd', first.verifier)).toBe(false);
  });
});

describe('saslprepPassword', () => {
  it('leaves pure ASCII alone, even control characters', () => {
    expect(saslprepPassword('Tr0ub4dor&3')).toBe('Tr0ub4dor&3');
    expect(saslprepPassword('a\u0007b')).toBe('a\u0007b');
  });

  it('maps spaces, drops invisible characters and applies NFKC', () => {
    expect(saslprepPassword('a\u3000b')).toBe('a b');
    expect(saslprepPassword('a\u200Bb')).toBe('a b'); // U+200B is in C.1.2 and B.1; C.1.2 wins as on the server
    expect(saslprepPassword('x\uFEFFy')).toBe('xy');
    expect(saslprepPassword('\uFB01')).toBe('fi');
    expect(saslprepPassword('\uFF21')).toBe('A');
  });

  it('falls back to the raw password when SASLprep fails', () => {
    expect(saslprepPassword('\u05D0a')).toBe('\u05D0a');
    expect(saslprepPassword('\u05D0\u05D1')).toBe('\u05D0\u05D1'); // all RandAL: allowed
    expect(saslprepPassword('\u05D01')).toBe('\u05D01'); // ends with a digit (not RandAL): raw
    expect(saslprepPassword('\uE000x\u00E9')).toBe('\uE000x\u00E9'); // private use
  });
});
