import { describe, expect, it } from 'vitest';
import type { CellExplanation, CellReason } from '../../../shared/privileges/explain';
import { INSERT, SELECT, UPDATE } from '../../../shared/privileges/bits';
import type { StagedChange } from '../changes/stagedReducer';
import { columnChange, privilegeToggles, refusedWords, stagedCells, stagedColumnChanges, stagedKey, tableChange } from './cellEdits';
import type { RelationItem, RoleItem } from './matrixAxes';

const role: RoleItem = { type: 'role', index: 0, oid: 100, name: 'readonly', superuser: false, login: false, staged: false };
const rel: RelationItem = { type: 'relation', index: 0, oid: 200, schema: 'public', name: 'sales', kind: 'r', ownerIndex: 1, label: 'public.sales' };

const reason = (source: CellReason['source'], privileges: number, grantable: number): CellReason => ({
  source,
  privileges,
  grantable,
  path: [100],
  pathNames: ['readonly'],
  granteeOid: 100,
  granteeIsOwner: false,
  grantorOid: null,
  grantorName: null,
  predefinedRole: null,
  fromAcldefault: false,
});
const cell = (reasons: CellReason[], superuser = false): CellExplanation => ({
  roleOid: 100,
  relationOid: 200,
  relevant: SELECT | INSERT | UPDATE,
  privileges: reasons.reduce((m, r) => m | r.privileges, 0),
  grantable: reasons.reduce((m, r) => m | r.grantable, 0),
  superuser,
  denied: 0,
  reasons,
  unknownGrantees: [],
});

describe('tableChange and columnChange', () => {
  it('make a grant WITH GRANT OPTION and a revoke of the grant option only', () => {
    expect(tableChange('grantTable', 'db', rel, 'SELECT', 'readonly', true)).toMatchObject({ kind: 'grantTable', withGrantOption: true, privileges: ['SELECT'] });
    expect(tableChange('revokeTable', 'db', rel, 'SELECT', 'readonly', true)).toMatchObject({ kind: 'revokeTable', grantOptionFor: true, cascade: false });
    expect(tableChange('grantTable', 'db', rel, 'SELECT', null)).toMatchObject({ grantee: { kind: 'public' }, withGrantOption: false });
  });

  it('columnChange lists the columns', () => {
    expect(columnChange('grantTable', 'db', rel, ['SELECT', 'UPDATE'], ['id', 'amount'], 'readonly', false)).toMatchObject({
      kind: 'grantTable',
      privileges: ['SELECT', 'UPDATE'],
      columns: ['id', 'amount'],
      withGrantOption: false,
    });
  });
});

describe('privilegeToggles', () => {
  it('offers a grant with grant option when the role may not grant it', () => {
    const set = privilegeToggles(cell([]), SELECT, 'SELECT', role, 'db', rel);
    expect(set.main).toMatchObject({ kind: 'grantTable', withGrantOption: false });
    expect(set.option?.label).toBe('Grant SELECT with grant option');
    expect(set.option?.change).toMatchObject({ kind: 'grantTable', withGrantOption: true });
    expect(set.all).toHaveLength(4);
  });

  it('offers to revoke only the grant option when the role holds it by its own grant', () => {
    const set = privilegeToggles(cell([reason('direct', SELECT, SELECT)]), SELECT, 'SELECT', role, 'db', rel);
    expect(set.main).toMatchObject({ kind: 'revokeTable', grantOptionFor: false });
    expect(set.option?.label).toBe('Revoke grant option for SELECT');
    expect(set.option?.change).toMatchObject({ kind: 'revokeTable', grantOptionFor: true });
  });

  it('offers no option toggle to an owner or a superuser, and says so for a group’s grant option', () => {
    const owner = privilegeToggles(cell([reason('owner', 0, SELECT), reason('direct', SELECT, 0)]), SELECT, 'SELECT', role, 'db', rel);
    expect(owner.option).toBeNull();
    expect(owner.optionNote).toBeNull();
    const group = privilegeToggles(cell([reason('group', SELECT, SELECT)]), SELECT, 'SELECT', role, 'db', rel);
    expect(group.option).toBeNull();
    expect(group.optionNote).toBe('may grant it through a group');
    const su = privilegeToggles(cell([reason('superuser', SELECT | INSERT | UPDATE, SELECT | INSERT | UPDATE)], true), SELECT, 'SELECT', role, 'db', rel);
    expect(su.option).toBeNull();
    expect(su.optionNote).toBeNull();
  });
});

describe('staged markers', () => {
  const items: StagedChange[] = [
    { id: 'a', label: '', change: columnChange('grantTable', 'db', rel, ['SELECT'], ['id'], 'readonly', false) },
    { id: 'b', label: '', change: tableChange('grantTable', 'db', rel, 'INSERT', 'readonly') },
    { id: 'c', label: '', change: tableChange('grantTable', 'other', rel, 'INSERT', 'readwrite') },
  ];

  it('mark a cell with a staged table or column change in this database', () => {
    expect([...stagedCells(items, 'db')]).toEqual([stagedKey('readonly', 'public', 'sales')]);
  });

  it('stagedColumnChanges finds the column changes of one role on one relation', () => {
    expect(stagedColumnChanges(items, 'db', rel, 'readonly').map((i) => i.id)).toEqual(['a']);
    expect(stagedColumnChanges(items, 'db', rel, 'readwrite')).toEqual([]);
  });
});

describe('refusedWords', () => {
  it('refuses what the connected role holds without grant option, naming it', () => {
    expect(refusedWords(null, INSERT, 'admin', 'INSERT', 'public.t')).toBeNull();
    expect(refusedWords(SELECT | INSERT, INSERT, 'admin', 'INSERT', 'public.t')).toBeNull();
    expect(refusedWords(SELECT, INSERT, 'admin', 'INSERT', 'public.t')).toBe(
      '"admin" cannot grant or revoke INSERT on public.t: it does not own it and does not hold INSERT WITH GRANT OPTION.',
    );
    expect(refusedWords(0, UPDATE, null, 'UPDATE', 'x')).toMatch(/^The connected role cannot/);
  });
});
