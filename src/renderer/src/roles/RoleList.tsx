import { useState, type FocusEvent, type ReactNode, type Ref } from 'react';
import type { Role } from '../../../shared/api/contract';
import { spacedItems, useInnerVirtualizer } from '../layout/useInnerVirtualizer';

/** Lists with more roles than this render only the entries near the view. */
export const virtualizeRolesFrom = 200;

/** What a virtualized entry needs besides its role: measuring (heights vary), and its place among the roles. */
export interface EntryPlace {
  measureRef: Ref<HTMLLIElement>;
  index: number;
  posInSet: number;
  setSize: number;
}

type Row = { kind: 'section'; label: string } | { kind: 'role'; role: Role; pos: number };

interface RoleListProps {
  users: readonly Role[];
  groups: readonly Role[];
  /** One RoleEntry, with `place` when the list is virtualized. */
  entry: (role: Role, place?: EntryPlace) => ReactNode;
}

/** Users, then groups, each under its heading, as one list. */
export function RoleList({ users, groups, entry }: RoleListProps) {
  if (users.length + groups.length > virtualizeRolesFrom) return <VirtualRoleList users={users} groups={groups} entry={entry} />;
  return (
    <ul role="list" aria-label="Roles" className="roles-list">
      <li className="roles-section" aria-hidden="true">
        Users ({users.length})
      </li>
      {users.map((r) => entry(r))}
      <li className="roles-section" aria-hidden="true">
        Groups ({groups.length})
      </li>
      {groups.map((r) => entry(r))}
    </ul>
  );
}

/**
 * The list of a server with thousands of roles (10,000 on the XL benchmark): only the
 * entries near the view are in the DOM, measured as they render (their height depends on
 * their groups and buttons); the entry holding focus stays rendered.
 */
function VirtualRoleList({ users, groups, entry }: RoleListProps) {
  const rows: Row[] = [
    { kind: 'section', label: `Users (${users.length})` },
    ...users.map((role, i): Row => ({ kind: 'role', role, pos: i + 1 })),
    { kind: 'section', label: `Groups (${groups.length})` },
    ...groups.map((role, i): Row => ({ kind: 'role', role, pos: users.length + i + 1 })),
  ];
  const setSize = users.length + groups.length;
  const [focused, setFocused] = useState(-1);
  const inner = useInnerVirtualizer({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.kind === 'section' ? 26 : 44),
    overscan: 10,
    keep: focused,
    getItemKey: (i) => {
      const row = rows[i];
      return row === undefined ? i : row.kind === 'section' ? `section ${row.label}` : `role ${row.role.name}`;
    },
  });
  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const index = Number((event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index'] ?? '-1');
    if (index >= 0) setFocused(index);
  };
  const marker = (height: number) => <li key="marker" ref={inner.markerRef} role="none" aria-hidden="true" style={{ height }} />;
  return (
    <ul role="list" aria-label="Roles" className="roles-list" onFocus={onFocus}>
      {spacedItems(inner, marker, (item) => {
        const row = rows[item.index];
        if (row === undefined) return null;
        if (row.kind === 'role') return entry(row.role, { measureRef: inner.virtualizer.measureElement, index: item.index, posInSet: row.pos, setSize });
        // why: a margin is outside the measured box; padding keeps the heading's gap measurable.
        return (
          <li key={item.key} ref={inner.virtualizer.measureElement} data-index={item.index} className="roles-section" aria-hidden="true" style={{ marginTop: 0, marginBottom: 0, paddingTop: item.index === 0 ? 0 : 8 }}>
            {row.label}
          </li>
        );
      })}
    </ul>
  );
}
