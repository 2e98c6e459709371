import type { ChangeInput } from '../changes/schema';

/** The relation and role of one matrix cell, by name. */
export interface CellTarget {
  database: string;
  schema: string;
  table: string;
  role: string;
}

/**
 * The staged changes without the table-level grants and revokes of one role on one relation:
 * the why panel's toggles start from the projection of these, so a staged grant still shows
 * as "Grant SELECT", pressed, and pressing it again unstages it.
 */
export function withoutCellGrants(changes: readonly ChangeInput[], cell: CellTarget): ChangeInput[] {
  return changes.filter(
    (c) =>
      !(
        (c.kind === 'grantTable' || c.kind === 'revokeTable') &&
        c.columns === undefined &&
        c.database === cell.database &&
        c.schema === cell.schema &&
        c.table === cell.table &&
        c.grantee.kind === 'role' &&
        c.grantee.name === cell.role
      ),
  );
}
