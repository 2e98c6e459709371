import { describeChange } from '../../../shared/changes/describe';
import { changeSchema, type ChangeInput } from '../../../shared/changes/schema';

/** One edit waiting to be previewed, exported or applied. */
export interface StagedChange {
  id: string;
  change: ChangeInput;
  label: string;
}

/** The staged list of one connection; `nextId` keeps ids unique across resets. */
export interface StagedState {
  connectionId: string | null;
  items: readonly StagedChange[];
  nextId: number;
}

/** Everything the staged list can be asked to do. */
export type StagedAction =
  | { type: 'add'; changes: readonly ChangeInput[] }
  | { type: 'remove'; ids: readonly string[] }
  | { type: 'reset'; connectionId: string | null }
  /**
   * Stages `change`, unless the same change or its exact opposite is staged: then that one
   * is unstaged instead. Changes listed in `replaces` are unstaged when `change` is staged.
   */
  | { type: 'toggle'; change: ChangeInput; replaces?: readonly ChangeInput[] };

/** An empty list for a connection. */
export function initialStagedState(connectionId: string | null): StagedState {
  return { connectionId, items: [], nextId: 0 };
}

// why: lists whose order means nothing to PostgreSQL; GRANT SELECT, INSERT = GRANT INSERT, SELECT.
const unorderedKeys: ReadonlySet<string> = new Set(['privileges', 'columns', 'memberOf']);

function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return unorderedKeys.has(key) ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v, k)]));
  }
  return value;
}

const keys = new WeakMap<object, string>();

/** A change with its defaults filled in (when it parses), in a form where equal changes print equal. */
export function changeKey(change: ChangeInput): string {
  const cached = keys.get(change);
  if (cached !== undefined) return cached;
  const parsed = changeSchema.safeParse(change);
  const key = JSON.stringify(canonical(parsed.success ? parsed.data : change));
  keys.set(change, key);
  return key;
}

/** True when two changes do the same thing (defaults, key order and privilege order ignored). */
export function sameChange(a: ChangeInput, b: ChangeInput): boolean {
  return changeKey(a) === changeKey(b);
}

function withoutKeys(value: object, drop: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.includes(k)));
}

const opposites: Readonly<Record<string, string>> = {
  grantTable: 'revokeTable',
  revokeTable: 'grantTable',
  grantAllTablesInSchema: 'revokeAllTablesInSchema',
  revokeAllTablesInSchema: 'grantAllTablesInSchema',
  grantSchema: 'revokeSchema',
  revokeSchema: 'grantSchema',
  grantDatabase: 'revokeDatabase',
  revokeDatabase: 'grantDatabase',
};

/**
 * The change that undoes `change` as a toggle would: GRANT p ↔ REVOKE p, GRANT p WITH GRANT
 * OPTION ↔ REVOKE GRANT OPTION FOR p (never with CASCADE), ADD MEMBER ↔ REMOVE MEMBER, and
 * the same for default privileges. Null for kinds without one (create, drop, alter).
 */
export function oppositeOf(change: ChangeInput): ChangeInput | null {
  const parsed = changeSchema.safeParse(change);
  if (!parsed.success) return null;
  const c = parsed.data;
  switch (c.kind) {
    case 'addMember':
      if (c.admin !== undefined || c.inherit !== undefined || c.set !== undefined) return null;
      return { kind: 'removeMember', group: c.group, member: c.member };
    case 'removeMember':
      return c.optionOnly === undefined ? { kind: 'addMember', group: c.group, member: c.member } : null;
    case 'alterDefaultPrivileges':
      return c.action === 'grant'
        ? { ...c, action: 'revoke', withGrantOption: false, grantOptionFor: c.withGrantOption }
        : { ...c, action: 'grant', withGrantOption: c.grantOptionFor, grantOptionFor: false };
    case 'grantTable':
    case 'grantAllTablesInSchema':
    case 'grantSchema':
    case 'grantDatabase':
      return { ...withoutKeys(c, ['withGrantOption']), kind: opposites[c.kind], grantOptionFor: c.withGrantOption, cascade: false } as ChangeInput;
    case 'revokeTable':
    case 'revokeAllTablesInSchema':
    case 'revokeSchema':
    case 'revokeDatabase':
      if (c.cascade) return null;
      return { ...withoutKeys(c, ['grantOptionFor', 'cascade']), kind: opposites[c.kind], withGrantOption: c.grantOptionFor } as ChangeInput;
    default:
      return null;
  }
}

function labelled(state: StagedState, changes: readonly ChangeInput[]): { items: StagedChange[]; nextId: number } {
  let nextId = state.nextId;
  const items = changes.map((change) => ({ change, label: describeChange(change), id: `change-${++nextId}` }));
  return { items, nextId };
}

function toggle(state: StagedState, change: ChangeInput, replaces: readonly ChangeInput[]): StagedState {
  const key = changeKey(change);
  const same = state.items.filter((item) => changeKey(item.change) === key);
  if (same.length > 0) return { ...state, items: state.items.filter((item) => !same.includes(item)) };
  const opposite = oppositeOf(change);
  const oppositeKey = opposite === null ? null : changeKey(opposite);
  const undone = oppositeKey === null ? [] : state.items.filter((item) => changeKey(item.change) === oppositeKey);
  if (undone.length > 0) return { ...state, items: state.items.filter((item) => !undone.includes(item)) };
  const replacedKeys = new Set(replaces.map(changeKey));
  const kept = state.items.filter((item) => !replacedKeys.has(changeKey(item.change)));
  const added = labelled(state, [change]);
  return { ...state, items: [...kept, ...added.items], nextId: added.nextId };
}

/** The pure reducer behind the staged-changes store. */
export function stagedReducer(state: StagedState, action: StagedAction): StagedState {
  switch (action.type) {
    case 'add': {
      const added = labelled(state, action.changes);
      return { ...state, items: [...state.items, ...added.items], nextId: added.nextId };
    }
    case 'remove':
      return { ...state, items: state.items.filter((item) => !action.ids.includes(item.id)) };
    case 'reset':
      return { connectionId: action.connectionId, items: [], nextId: state.nextId };
    case 'toggle':
      return toggle(state, action.change, action.replaces ?? []);
  }
}

/** True when this change (or an equal one) is staged. */
export function isStaged(items: readonly StagedChange[], change: ChangeInput): boolean {
  const key = changeKey(change);
  return items.some((item) => changeKey(item.change) === key);
}
