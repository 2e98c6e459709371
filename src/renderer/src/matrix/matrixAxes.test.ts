import { describe, expect, it } from 'vitest';
import { computeEffective } from '../../../shared/privileges/effective';
import { SnapshotBuilder } from '../../../shared/privileges/testSnapshot';
import { axesOf, defaultFilters, filterAxes, noMatchWords } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';

function fixture() {
  const b = new SnapshotBuilder(16);
  const owner = b.role('datatweets', { canLogin: true });
  b.role('data_viewer', { canLogin: true });
  b.role('readonly');
  b.relation('users', owner, null);
  b.relation('sales', owner, null);
  const snapshot = b.build();
  const m = computeEffective(snapshot);
  const data: MatrixData = { ...m, relationCount: m.relationOids.length };
  return { axes: axesOf(snapshot), data };
}

describe('filterAxes', () => {
  const { axes, data } = fixture();
  const names = (shown: ReturnType<typeof filterAxes>) => ({ roles: shown.roles.map((r) => r.name), relations: shown.relations.map((r) => r.name) });

  it('narrows the roles when the text names a role, and keeps every relation', () => {
    expect(names(filterAxes(axes, data, { ...defaultFilters, text: 'VIEWER' }))).toEqual({ roles: ['data_viewer'], relations: ['sales', 'users'] });
  });

  it('narrows the relations when the text names a relation, and keeps every role', () => {
    const shown = names(filterAxes(axes, data, { ...defaultFilters, text: 'public.sal' }));
    expect(shown.relations).toEqual(['sales']);
    expect(shown.roles).toEqual(['data_viewer', 'datatweets', 'postgres', 'readonly']);
  });

  it('shows nothing when the text matches no role and no relation', () => {
    const f = { ...defaultFilters, text: ' no such thing ' };
    const shown = filterAxes(axes, data, f);
    expect(names(shown)).toEqual({ roles: [], relations: [] });
    expect(noMatchWords(f, shown)).toBe('Nothing matches “no such thing”: no role and no relation has it in its name.');
  });

  it('shows nothing for a schema without relations, whatever the text', () => {
    expect(filterAxes(axes, data, { ...defaultFilters, schema: 'elsewhere' }).relations).toEqual([]);
  });
});
