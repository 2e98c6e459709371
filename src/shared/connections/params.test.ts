import { describe, expect, it } from 'vitest';
import { parseConnectionUrl } from './params';

describe('parseConnectionUrl', () => {
  it('reads every part of a full URL', () => {
    const r = parseConnectionUrl('postgres://report_bot:s3cret@db.example.com:6543/analytics?sslmode=require');
    expect(r).toEqual({
      ok: true,
      params: {
        host: 'db.example.com',
        port: 6543,
        user: 'report_bot',
        password: 's3cret',
        database: 'analytics',
        sslmode: 'require',
      },
    });
  });

  it('decodes percent-escapes so any name works', () => {
    const r = parseConnectionUrl('postgresql://%22Odd%20User%22:p%40ss%2Fw@127.0.0.1/caf%C3%A9%20db');
    expect(r.ok && r.params).toMatchObject({ user: '"Odd User"', password: 'p@ss/w', database: 'café db' });
  });

  it('applies libpq defaults for missing parts', () => {
    const r = parseConnectionUrl('postgres://alice@localhost');
    expect(r.ok && r.params).toEqual({
      host: 'localhost',
      port: 5432,
      user: 'alice',
      database: 'alice',
      sslmode: 'prefer',
    });
  });

  it('reads IPv6 hosts', () => {
    const r = parseConnectionUrl('postgres://u@[::1]:5433/d');
    expect(r.ok && r.params.host).toBe('::1');
  });

  it('rejects other schemes, bad sslmodes and bad escapes in plain words', () => {
    expect(parseConnectionUrl('mysql://x@y/z')).toEqual({
      ok: false,
      message: 'A connection URL starts with postgres:// or postgresql://.',
    });
    const bad = parseConnectionUrl('postgres://u@h/d?sslmode=sometimes');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('sslmode must be one of');
    expect(parseConnectionUrl('postgres://u%ZZ@h/d').ok).toBe(false);
  });

  it('rejects a database name over 63 bytes', () => {
    const r = parseConnectionUrl(`postgres://u@h/${'é'.repeat(32)}`);
    expect(r).toEqual({ ok: false, message: 'A database name is at most 63 bytes long in PostgreSQL.' });
  });
});
