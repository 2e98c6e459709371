import { describe, expect, it } from 'vitest';
import { parseLimits } from './validation';

describe('parseLimits', () => {
  it('reads empty fields as no limit and no expiry', () => {
    expect(parseLimits({ limit: '', validUntil: '' })).toEqual({ parsed: { connectionLimit: -1, validUntil: null }, problems: {} });
  });

  it('parses a limit and a datetime-local value', () => {
    const { parsed, problems } = parseLimits({ limit: ' 5 ', validUntil: '2030-01-31T12:00' });
    expect(problems).toEqual({});
    expect(parsed?.connectionLimit).toBe(5);
    expect(parsed?.validUntil).toBe(new Date('2030-01-31T12:00').toISOString());
  });

  it('gives a message for each wrong field and no values', () => {
    const result = parseLimits({ limit: '-2', validUntil: 'soon' });
    expect(result.parsed).toBeNull();
    expect(Object.keys(result.problems).sort()).toEqual(['limit', 'validUntil']);
  });

  it('names only the field that is wrong', () => {
    expect(parseLimits({ limit: 'ten', validUntil: '' }).problems).toEqual({ limit: 'A connection limit is a whole number, or empty for no limit.' });
  });
});
