import { describe, expect, it } from 'vitest';
import { readReply } from './readReply';

// The reply worker and the client read replies with readReply: the same answers either way.

const info = { mode: 'browser', version: '0.1.0', passwordStorage: 'none', scriptExport: 'download' };

describe('readReply', () => {
  it('reads an envelope with its value or its JSON text, keeping the notices', () => {
    const ok = readReply('app.info', 'envelope', JSON.stringify({ ok: true, value: info, notices: ['reconnected'] }));
    expect(ok).toMatchObject({ kind: 'value', notices: ['reconnected'] });
    const asText = readReply('app.info', 'envelope', JSON.stringify({ ok: true, json: JSON.stringify(info) }));
    expect(asText).toEqual({ ...ok, notices: [] });
    expect(readReply('app.info', 'value', JSON.stringify(info))).toEqual(asText);
  });

  it("passes the backend's error on, and says what was wrong with anything else", () => {
    expect(readReply('app.info', 'envelope', JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'No.' } }))).toEqual({
      kind: 'error',
      error: { code: 'forbidden', message: 'No.' },
    });
    expect(readReply('app.info', 'envelope', '<html>')).toEqual({ kind: 'unreadable', why: 'not-json' });
    expect(readReply('app.info', 'envelope', JSON.stringify({ ok: 'yes' }))).toEqual({ kind: 'unreadable', why: 'not-an-envelope' });
    expect(readReply('app.info', 'envelope', JSON.stringify({ ok: true, json: '{' }))).toEqual({ kind: 'unreadable', why: 'not-json' });
    expect(readReply('app.info', 'value', JSON.stringify({ version: 1 }))).toEqual({ kind: 'unreadable', why: 'unexpected-value' });
  });
});
