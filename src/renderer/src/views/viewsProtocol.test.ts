import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/privileges/matrixRows';
import { BOOTSTRAP_OID, SnapshotBuilder } from '../../../shared/privileges/testSnapshot';
import { ViewsState } from './viewsProtocol';

function snapshot(grantee: string) {
  const b = new SnapshotBuilder(16);
  const readers = b.role('readers');
  const ann = b.role('ann', { canLogin: true });
  b.member(readers, ann);
  b.relation('t', BOOTSTRAP_OID, `{postgres=arwdDxt/postgres,${grantee}=r/postgres}`);
  return b.build();
}

describe('the views worker’s answers', () => {
  it('answers by name, and null for a role or relation not in the catalog', () => {
    const state = new ViewsState();
    expect(() => state.answer({ kind: 'role', role: 'ann', filter: '', limit: 10 })).toThrow('The catalog is not loaded yet.');
    state.setSnapshot(snapshot('readers'));
    const role = state.answer({ kind: 'role', role: 'ann', filter: '', limit: 10 });
    expect(role.kind === 'role' && role.view?.relations.map((o) => o.name)).toEqual(['t']);
    expect(state.answer({ kind: 'role', role: 'nobody', filter: '', limit: 10 })).toEqual({ kind: 'role', view: null, counts: { total: 0, matching: 0 } });
    const rel = state.answer({ kind: 'relation', schema: 'public', name: 't', filter: '', limit: 10 });
    expect(rel.kind === 'relation' && rel.view?.holders.map((h) => h.name)).toEqual(['ann', 'pg_read_all_data', 'pg_write_all_data', 'postgres', 'readers']);
    expect(state.answer({ kind: 'relation', schema: 'other', name: 't', filter: '', limit: 10 })).toEqual({ kind: 'relation', view: null, counts: { total: 0, matching: 0 } });
    expect(state.answer({ kind: 'csv', of: 'relation', schema: 'public', name: 'gone' })).toEqual({ kind: 'csv', text: null });
  });

  it('a new snapshot replaces what was built for the old one', () => {
    const state = new ViewsState();
    state.setSnapshot(snapshot('readers'));
    const before = state.answer({ kind: 'csv', of: 'role', role: 'ann' });
    state.setSnapshot(snapshot('postgres'));
    const after = state.answer({ kind: 'csv', of: 'role', role: 'ann' });
    const tables = (a: typeof before) => (a.kind === 'csv' && a.text !== null ? parseCsv(a.text).filter((r) => r[1] === 'table') : []);
    expect(tables(before)).toEqual([['ann', 'table', 'public', 't', 'SELECT', 'NO', 'group readers', '']]);
    expect(tables(after)).toEqual([]);
    const members = state.answer({ kind: 'csv', of: 'memberships', role: 'ann' });
    expect(members.kind === 'csv' && members.text).toBe('direction,member,group,inherit,set,admin,granted_by,implicit\nup,ann,readers,YES,YES,NO,postgres,NO\n');
  });

  it('sends a page of a long list: rows whose name holds the filter, at most `limit`, with the counts', () => {
    const state = new ViewsState();
    state.setSnapshot(snapshot('readers'));
    const a = state.answer({ kind: 'relation', schema: 'public', name: 't', filter: 'PG_', limit: 1 });
    expect(a.kind === 'relation' && a.view?.holders.map((h) => h.name)).toEqual(['pg_read_all_data']);
    expect(a.kind === 'relation' && a.counts).toEqual({ total: 5, matching: 2 });
    const b = state.answer({ kind: 'role', role: 'ann', filter: 'public.', limit: 5 });
    expect(b.kind === 'role' && b.counts).toEqual({ total: 1, matching: 1 });
    const c = state.answer({ kind: 'role', role: 'ann', filter: 'nothing', limit: 5 });
    expect(c.kind === 'role' && [c.view?.relations.length, c.counts]).toEqual([0, { total: 1, matching: 0 }]);
  });
});
