import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '../catalog/snapshot';
import { formatAclArray } from './aclitem';
import { SELECT, UPDATE } from './bits';
import { matrixExport, matrixExportText, type MatrixFormat } from './matrixExport';
import { matrixCsv, matrixJson, matrixRows, parseCsv, type MatrixFilter } from './matrixRows';
import { PG_READ_ALL_DATA_OID, PG_WRITE_ALL_DATA_OID } from './predefined';
import { randomSnapshot } from './testReference';
import { SnapshotBuilder } from './testSnapshot';

// The streamed export must print exactly what the per-cell reference (matrixRows: one
// explainCell per row, then a sort) prints, in every format, whatever the chunk size.

const all = (snap: CatalogSnapshot, filter: MatrixFilter, format: MatrixFormat, chunkBytes?: number) =>
  text([...matrixExport(snap, filter, format, chunkBytes === undefined ? {} : { chunkBytes })]);

const text = (chunks: Uint8Array[]) => {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
};

const jsonl = (snap: CatalogSnapshot, filter: MatrixFilter) =>
  matrixRows(snap, filter)
    .map((r) => `${JSON.stringify({ role: r.role, schema: r.schema, table: r.table, privileges: r.privileges, via: r.via })}\n`)
    .join('');

function lesson() {
  const b = new SnapshotBuilder(17);
  const owner = b.role('datatweets');
  b.role('data_viewer', { superuser: true });
  const readonly = b.role('readonly');
  const analyst = b.role('analyst');
  const reader = b.role('Reader, "quoted"\nname');
  const writer = b.role('writer', { inherit: false });
  b.member(readonly, analyst).member(PG_READ_ALL_DATA_OID, reader).member(PG_WRITE_ALL_DATA_OID, writer, { inherit: false });
  b.relation('users', owner, '{datatweets=arwdDxt/datatweets,readonly=r/datatweets,analyst=r*/datatweets,=x/datatweets}');
  b.relation('id_seq', owner, null, 'S');
  const other = b.schema('Other "S"', owner);
  const acl = formatAclArray([
    { grantee: 'datatweets', grantor: 'datatweets', privileges: SELECT, grantOptions: 0 },
    { grantee: 'Reader, "quoted"\nname', grantor: 'datatweets', privileges: UPDATE, grantOptions: 0 },
  ]);
  b.relation('t,1', owner, acl, 'r', other);
  b.relation('t,2', owner, acl, 'v', other);
  return b.build();
}

describe('matrixExport', () => {
  it('prints what matrixCsv, matrixJson and JSON Lines of matrixRows print, on the lesson', () => {
    const snap = lesson();
    expect(all(snap, {}, 'csv')).toBe(matrixCsv(matrixRows(snap)));
    expect(all(snap, {}, 'json')).toBe(matrixJson(matrixRows(snap)));
    expect(all(snap, {}, 'jsonl')).toBe(jsonl(snap, {}));
    expect(parseCsv(all(snap, {}, 'csv')).length).toBeGreaterThan(10);
  });

  it('applies the schema and role filters, and prints an empty array as matrixJson does', () => {
    const snap = lesson();
    for (const filter of [{ schema: 'Other "S"' }, { role: 'analyst' }, { role: 'analyst', schema: 'public' }, { role: 'nobody' }]) {
      expect(all(snap, filter, 'csv')).toBe(matrixCsv(matrixRows(snap, filter)));
      expect(all(snap, filter, 'json')).toBe(matrixJson(matrixRows(snap, filter)));
      expect(all(snap, filter, 'jsonl')).toBe(jsonl(snap, filter));
    }
    expect(all(snap, { role: 'nobody' }, 'json')).toBe('[]\n');
  });

  it('yields chunks of about the size asked, which join to the same text', () => {
    const snap = randomSnapshot(5, 16, 20, 30);
    const chunks = [...matrixExport(snap, {}, 'csv', { chunkBytes: 200 })];
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(200);
    expect(text(chunks)).toBe(matrixCsv(matrixRows(snap)));
    expect(matrixExportText(snap, {}, 'json')).toBe(matrixJson(matrixRows(snap)));
  });

  it('gives the same bytes when the consumer hands each buffer back, with rows longer than a chunk', () => {
    // One user reaches SELECT through 120 groups with long names, so its row's "via" alone
    // runs to ~7 KB: longer than the chunk and than the room kept spare after it.
    const b = new SnapshotBuilder(16);
    const owner = b.role('owner_of_everything');
    const user = b.role('user_ü_with_a_long_name');
    const groups = Array.from({ length: 120 }, (_, i) => b.role(`group_${String(i).padStart(3, '0')}_${'x'.repeat(50)}`));
    for (const g of groups) b.member(g, user);
    const acl = formatAclArray(groups.map((_, i) => ({ grantee: `group_${String(i).padStart(3, '0')}_${'x'.repeat(50)}`, grantor: 'owner_of_everything', privileges: SELECT, grantOptions: 0 })));
    for (let t = 0; t < 30; t++) b.relation(`table_${t}`, owner, t % 3 === 0 ? null : acl);
    const snap = b.build();
    for (const chunkBytes of [1, 100, 5000]) {
      for (const format of ['csv', 'jsonl', 'json'] as const) {
        const copies: Uint8Array[] = [];
        const chunks = matrixExport(snap, {}, format, { chunkBytes });
        for (let next = chunks.next(); next.done !== true; next = chunks.next(true)) copies.push(next.value.slice());
        expect(text(copies), `${format} ${chunkBytes}`).toBe(matrixExportText(snap, {}, format));
      }
    }
    expect(matrixExportText(snap, {}, 'csv')).toBe(matrixCsv(matrixRows(snap)));
    expect(Math.max(...matrixExportText(snap, {}, 'csv').split('\n').map((l) => l.length))).toBeGreaterThan(7000);
  });

  it('reports progress after each role', () => {
    const snap = lesson();
    const seen: number[] = [];
    const out = text([...matrixExport(snap, {}, 'csv', { onProgress: (p) => seen.push(p.rolesDone) })]);
    expect(out).toBe(matrixCsv(matrixRows(snap)));
    expect(seen).toEqual(Array.from({ length: snap.roles.length }, (_, i) => i + 1));
  });

  for (const major of [14, 15, 16, 17, 18]) {
    it(`matches the per-cell reference on random hostile catalogs (PG ${major})`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const snap = randomSnapshot(seed * 13 + major, major);
        expect(all(snap, {}, 'csv', 1000), `seed ${seed}`).toBe(matrixCsv(matrixRows(snap)));
        expect(all(snap, {}, 'jsonl'), `seed ${seed}`).toBe(jsonl(snap, {}));
      }
    });
  }
});
