import { describe, expect, it } from 'vitest';
import type { ChangeInput } from '../../../shared/changes/schema';
import { noProblems, problemsByField, type ProblemFieldMap } from './formProblems';

const createRole: ChangeInput = { kind: 'createRole', name: 'datatweets', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true };
const addMember: ChangeInput = { kind: 'addMember', group: 'datatweets', member: 'ghost' };
const map: ProblemFieldMap<'name' | 'members'> = { 'createRole.name': 'name', 'addMember.member': 'members' };

describe('problemsByField', () => {
  it('puts each problem of the form’s own changes next to its field', () => {
    const found = problemsByField(
      [
        { index: 2, field: 'name', message: 'A role named "datatweets" already exists.' },
        { index: 3, field: 'member', message: 'There is no role named "ghost".' },
      ],
      2,
      [createRole, addMember],
      map,
    );
    expect(found.fields).toEqual({ name: 'A role named "datatweets" already exists.', members: 'There is no role named "ghost".' });
    expect(found.other).toEqual([]);
    expect(noProblems(found)).toBe(false);
  });

  it('ignores problems of the staged changes before the form’s', () => {
    const found = problemsByField([{ index: 0, field: 'name', message: 'staged one is wrong' }], 2, [createRole], map);
    expect(noProblems(found)).toBe(true);
  });

  it('maps by the first segment of a dotted path, and by the bare field when no kind matches', () => {
    const found = problemsByField(
      [{ index: 0, field: 'memberOf.1', message: 'There is no role named "x".' }],
      0,
      [createRole],
      { memberOf: 'groups' },
    );
    expect(found.fields).toEqual({ groups: 'There is no role named "x".' });
  });

  it('sends problems with no field of the form to the form alert, once each', () => {
    const found = problemsByField(
      [
        { index: 0, field: '', message: 'Nothing to change.' },
        { index: 0, field: 'superuser', message: 'Nothing to change.' },
      ],
      0,
      [createRole],
      map,
    );
    expect(found.other).toEqual(['Nothing to change.']);
    expect(found.fields).toEqual({});
  });

  it('joins several problems on one field', () => {
    const found = problemsByField(
      [
        { index: 0, field: 'name', message: 'First.' },
        { index: 1, field: 'group', message: 'Second.' },
      ],
      0,
      [createRole, addMember],
      { 'createRole.name': 'name', 'addMember.group': 'name' },
    );
    expect(found.fields).toEqual({ name: 'First. Second.' });
  });
});
