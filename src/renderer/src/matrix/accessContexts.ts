import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { buildAccessContext, type AccessContext } from '../../../shared/privileges/accessColumn';
import { explainCell } from '../../../shared/privileges/explain';
import { heldChips, type HeldChip } from '../../../shared/privileges/heldVia';

const contexts = new WeakMap<CatalogSnapshot, AccessContext>();
const chips = new WeakMap<CatalogSnapshot, Map<string, readonly HeldChip[]>>();
const none: readonly HeldChip[] = [];

/** The access context of a snapshot, built once however many cells are explained. */
export function contextOf(snapshot: CatalogSnapshot): AccessContext {
  let ctx = contexts.get(snapshot);
  if (ctx === undefined) {
    ctx = buildAccessContext(snapshot);
    contexts.set(snapshot, ctx);
  }
  return ctx;
}

/**
 * A cell's labelled chips, computed when the cell first shows and kept with the snapshot
 * (the same array each time, so memoized cells do not redraw).
 */
export function chipsOf(snapshot: CatalogSnapshot, roleOid: number, relationOid: number): readonly HeldChip[] {
  let cells = chips.get(snapshot);
  if (cells === undefined) {
    cells = new Map();
    chips.set(snapshot, cells);
  }
  const key = `${roleOid}:${relationOid}`;
  let out = cells.get(key);
  if (out === undefined) {
    const ex = explainCell(snapshot, roleOid, relationOid, contextOf(snapshot));
    out = ex === null ? none : heldChips(ex);
    cells.set(key, out);
  }
  return out;
}
