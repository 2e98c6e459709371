import { describe, expect, it } from 'vitest';
import type { ChangeInput } from '../../../shared/changes/schema';
import { changeKey, initialStagedState, isStaged, oppositeOf, sameChange, stagedReducer, type StagedAction, type StagedState } from './stagedReducer';

const target = { database: 'datatweets', schema: 'public', table: 'accounts', grantee: { kind: 'role', name: 'readonly' } } as const;
const grant = (privileges: string[], extra: Record<string, unknown> = {}): ChangeInput =>
  ({ kind: 'grantTable', ...target, privileges, ...extra }) as ChangeInput;
const revoke = (privileges: string[], extra: Record<string, unknown> = {}): ChangeInput =>
  ({ kind: 'revokeTable', ...target, privileges, ...extra }) as ChangeInput;

const run = (actions: readonly StagedAction[], from: StagedState = initialStagedState('demo')) => actions.reduce(stagedReducer, from);
const changes = (s: StagedState) => s.items.map((i) => i.change);

describe('stagedReducer', () => {
  it('adds changes in order, each labelled and with its own id', () => {
    const s = run([{ type: 'add', changes: [grant(['SELECT']), revoke(['INSERT'])] }]);
    expect(changes(s)).toEqual([grant(['SELECT']), revoke(['INSERT'])]);
    expect(s.items.map((i) => i.label)).toEqual([expect.stringMatching(/SELECT/), expect.stringMatching(/INSERT/)]);
    expect(new Set(s.items.map((i) => i.id)).size).toBe(2);
  });

  it('removes by id and keeps the rest in order', () => {
    const s = run([{ type: 'add', changes: [grant(['SELECT']), grant(['INSERT']), grant(['UPDATE'])] }]);
    const after = stagedReducer(s, { type: 'remove', ids: [s.items[1]?.id ?? ''] });
    expect(changes(after)).toEqual([grant(['SELECT']), grant(['UPDATE'])]);
  });

  it('clears on reset and never reuses an id afterwards', () => {
    const s = run([{ type: 'add', changes: [grant(['SELECT'])] }]);
    const first = s.items[0]?.id;
    const reset = stagedReducer(s, { type: 'reset', connectionId: 'other' });
    expect(reset.items).toEqual([]);
    expect(reset.connectionId).toBe('other');
    const again = stagedReducer(reset, { type: 'add', changes: [grant(['SELECT'])] });
    expect(again.items[0]?.id).not.toBe(first);
  });

  it('toggle stages a change once and unstages it on the second toggle', () => {
    const once = run([{ type: 'toggle', change: grant(['SELECT']) }]);
    expect(changes(once)).toEqual([grant(['SELECT'])]);
    const twice = stagedReducer(once, { type: 'toggle', change: grant(['SELECT']) });
    expect(twice.items).toEqual([]);
  });

  it('toggle of the exact opposite unstages the staged change instead of stacking a grant and a revoke', () => {
    const s = run([{ type: 'toggle', change: grant(['SELECT']) }, { type: 'toggle', change: revoke(['SELECT']) }]);
    expect(s.items).toEqual([]);
    const back = run([{ type: 'toggle', change: revoke(['SELECT']) }, { type: 'toggle', change: grant(['SELECT']) }]);
    expect(back.items).toEqual([]);
  });

  it('pairs WITH GRANT OPTION with GRANT OPTION FOR, and not with a plain revoke', () => {
    const wgo = grant(['SELECT'], { withGrantOption: true });
    expect(run([{ type: 'toggle', change: wgo }, { type: 'toggle', change: revoke(['SELECT'], { grantOptionFor: true }) }]).items).toEqual([]);
    expect(changes(run([{ type: 'toggle', change: wgo }, { type: 'toggle', change: revoke(['SELECT']) }]))).toEqual([wgo, revoke(['SELECT'])]);
  });

  it('toggle ignores key order, defaults and privilege order when comparing', () => {
    const a = grant(['SELECT', 'INSERT']);
    const b = { withGrantOption: false, privileges: ['INSERT', 'SELECT'], objectKind: 'table', grantee: target.grantee, table: 'accounts', schema: 'public', database: 'datatweets', kind: 'grantTable' } as ChangeInput;
    expect(sameChange(a, b)).toBe(true);
    expect(run([{ type: 'toggle', change: a }, { type: 'toggle', change: b }]).items).toEqual([]);
  });

  it('keeps changes on other tables, roles or columns apart', () => {
    const onColumns = grant(['SELECT'], { columns: ['id'] });
    const other = { ...grant(['SELECT']), table: 'sales' } as ChangeInput;
    const s = run([{ type: 'toggle', change: grant(['SELECT']) }, { type: 'toggle', change: onColumns }, { type: 'toggle', change: other }]);
    expect(s.items).toHaveLength(3);
    expect(changes(stagedReducer(s, { type: 'toggle', change: revoke(['SELECT'], { columns: ['id'] }) }))).toEqual([grant(['SELECT']), other]);
  });

  it('toggle with `replaces` swaps a plain grant for one with grant option', () => {
    const plain = grant(['SELECT']);
    const wgo = grant(['SELECT'], { withGrantOption: true });
    const s = run([{ type: 'add', changes: [revoke(['INSERT'])] }, { type: 'toggle', change: plain }, { type: 'toggle', change: wgo, replaces: [plain] }]);
    expect(changes(s)).toEqual([revoke(['INSERT']), wgo]);
  });

  it('plain add stacks even when the opposite is staged', () => {
    const s = run([{ type: 'add', changes: [grant(['SELECT'])] }, { type: 'add', changes: [revoke(['SELECT'])] }]);
    expect(s.items).toHaveLength(2);
  });

  it('isStaged finds equal changes', () => {
    const s = run([{ type: 'add', changes: [grant(['SELECT'])] }]);
    expect(isStaged(s.items, grant(['SELECT'], { withGrantOption: false }))).toBe(true);
    expect(isStaged(s.items, grant(['INSERT']))).toBe(false);
  });
});

describe('oppositeOf', () => {
  it('maps grants to revokes and back for tables, schemas and databases', () => {
    expect(oppositeOf(grant(['SELECT']))).toMatchObject({ kind: 'revokeTable', grantOptionFor: false, cascade: false, privileges: ['SELECT'] });
    expect(oppositeOf({ kind: 'grantSchema', database: 'd', schema: 's', privileges: ['USAGE'], grantee: { kind: 'public' } })).toMatchObject({
      kind: 'revokeSchema',
    });
    expect(oppositeOf({ kind: 'revokeDatabase', database: 'd', privileges: ['CONNECT'], grantee: { kind: 'public' } })).toMatchObject({
      kind: 'grantDatabase',
      withGrantOption: false,
    });
  });

  it('has none for a CASCADE revoke, creates, drops and alters', () => {
    expect(oppositeOf(revoke(['SELECT'], { cascade: true }))).toBeNull();
    expect(oppositeOf({ kind: 'dropRole', name: 'x' })).toBeNull();
    expect(oppositeOf({ kind: 'alterRole', name: 'x', superuser: false })).toBeNull();
  });

  it('pairs adding and removing a member (without options)', () => {
    expect(oppositeOf({ kind: 'addMember', group: 'readonly', member: 'bob' })).toEqual({ kind: 'removeMember', group: 'readonly', member: 'bob' });
    expect(oppositeOf({ kind: 'removeMember', group: 'readonly', member: 'bob', optionOnly: 'admin' })).toBeNull();
  });

  it('pairs default-privilege grants and revokes', () => {
    const change: ChangeInput = {
      kind: 'alterDefaultPrivileges',
      database: 'd',
      forRole: 'owner',
      objtype: 'tables',
      action: 'grant',
      privileges: ['SELECT'],
      grantee: { kind: 'role', name: 'readonly' },
    };
    const opposite = oppositeOf(change);
    expect(opposite).toMatchObject({ action: 'revoke', grantOptionFor: false, withGrantOption: false });
    expect(opposite === null ? null : changeKey(oppositeOf(opposite) ?? opposite)).toBe(changeKey(change));
  });
});
