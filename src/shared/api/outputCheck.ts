import { parseCatalogSnapshot } from '../catalog/snapshot';
import { api, type Method, type Output } from './contract';

/**
 * Hand-written checks with the same guarantees as a method's zod output schema, for replies
 * too large for zod's per-object cost: a dense catalog has 100,000 relations, which zod
 * took over a second to check on each side of the transport (snapshot.test.ts proves
 * parseCatalogSnapshot accepts and rejects what catalogSnapshotSchema does).
 */
const fastChecks: { [M in Method]?: (value: unknown) => Output<M> } = {
  'catalog.load': parseCatalogSnapshot,
};

/** Whether method `M`'s output has a hand-written check (cheap even on a large reply). */
export function hasFastCheck(method: Method): boolean {
  return fastChecks[method] !== undefined;
}

/** A reply checked against method `M`'s output: the checked (fresh, stripped) value, or why it failed. */
export type OutputCheck<M extends Method> = { success: true; data: Output<M> } | { success: false; error: unknown };

/** Checks `value` as method `M`'s output: its fast check when it has one, its zod schema otherwise. */
export function checkOutput<M extends Method>(method: M, value: unknown): OutputCheck<M> {
  const fast = fastChecks[method];
  if (fast !== undefined) {
    try {
      return { success: true, data: fast(value) };
    } catch (error) {
      return { success: false, error };
    }
  }
  const checked = api[method].output.safeParse(value);
  return checked.success ? { success: true, data: checked.data as Output<M> } : { success: false, error: checked.error };
}
