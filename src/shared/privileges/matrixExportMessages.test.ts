import { describe, expect, it } from 'vitest';
import { matrixCsv, matrixRows } from './matrixRows';
import { randomSnapshot } from './testReference';
import { csvExportMessages, csvFileName, type CsvExportMessage } from './matrixExportMessages';

describe('csvExportMessages', () => {
  it("sends the CLI's CSV in chunks, progress no more often than asked, then done with the row count", () => {
    const snap = randomSnapshot(3, 18, 40, 60);
    let clock = 0;
    const messages: CsvExportMessage[] = [...csvExportMessages({ snapshot: snap, filter: {} }, () => (clock += 30), 100)];
    const decoder = new TextDecoder();
    const text = messages.map((m) => (m.type === 'chunk' ? decoder.decode(m.bytes, { stream: true }) : '')).join('') + decoder.decode();
    const rows = matrixRows(snap);
    expect(text).toBe(matrixCsv(rows));
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.at(-1)).toEqual({ type: 'progress', progress: { rolesDone: snap.roles.length, rolesTotal: snap.roles.length, rows: rows.length } });
    expect(messages.at(-1)).toEqual({ type: 'done', rows: rows.length });
    // Every chunk owns its buffer (it is transferred to another thread).
    const buffers = messages.flatMap((m) => (m.type === 'chunk' ? [m.bytes.buffer] : []));
    expect(new Set(buffers).size).toBe(buffers.length);
  });

  it('filters by schema as the CLI does', () => {
    const snap = randomSnapshot(4, 16, 20, 30);
    const schema = snap.schemas[0]?.name ?? 'public';
    const messages = [...csvExportMessages({ snapshot: snap, filter: { schema } })];
    const decoder = new TextDecoder();
    const text = messages.map((m) => (m.type === 'chunk' ? decoder.decode(m.bytes) : '')).join('');
    expect(text).toBe(matrixCsv(matrixRows(snap, { schema })));
  });

  it('names the file after the database and schema, in plain ASCII a download header can carry', () => {
    expect(csvFileName('datatweets', '')).toBe('datatweets-privileges.csv');
    expect(csvFileName('datatweets', 'public')).toBe('datatweets-public-privileges.csv');
    expect(csvFileName('../ünïcode db', 'a"b;c')).toBe('__n_code_db-a_b_c-privileges.csv');
    expect(csvFileName('..', 'x')).toMatch(/^[\w.-]+$/);
    expect(csvFileName('..', 'x').startsWith('.')).toBe(false);
  });
});
