import { describe, expect, it } from 'vitest';
import { safeFileName } from './fileName';

describe('safeFileName', () => {
  it('keeps plain names and joins the parts with hyphens', () => {
    expect(safeFileName('datatweets', 'report_bot')).toBe('datatweets-report_bot');
    expect(safeFileName('db.v2', 'my-schema')).toBe('db.v2-my-schema');
  });

  it('turns any other run of characters into one underscore, and never starts a part with a dot', () => {
    expect(safeFileName('../ünïcode db', 'a"b;c')).toBe('__n_code_db-a_b_c');
    expect(safeFileName('..', '.hidden', 'x/y\\z')).toBe('_-_hidden-x_y_z');
    expect(safeFileName('Tab\there', '名前')).toMatch(/^[\w.-]+$/);
  });
});
