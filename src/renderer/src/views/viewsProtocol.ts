import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { buildAccessContext, type AccessContext } from '../../../shared/privileges/accessColumn';
import { relationView, type RelationView } from '../../../shared/views/relationView';
import { roleView, viewEngine, type RoleView, type ViewEngine } from '../../../shared/views/roleView';
import { membershipsCsv, relationViewCsv, roleViewCsv } from '../../../shared/views/viewCsv';

/** What a view asks the worker: a role's view, a relation's, or one of their CSV files. */
export type ViewQuestion =
  | ({ kind: 'role'; role: string } & PageQuestion)
  | ({ kind: 'relation'; schema: string; name: string } & PageQuestion)
  | { kind: 'csv'; of: 'role' | 'memberships'; role: string }
  | { kind: 'csv'; of: 'relation'; schema: string; name: string };

/**
 * Which rows of a long list to send: those whose name holds `filter` (case-insensitive),
 * at most `limit`. why: 20,000 relations cloned into the page cost it a long frame; the
 * dialog shows a page, and the CSV (written in the worker) has every row.
 */
export interface PageQuestion {
  filter: string;
  limit: number;
}

/** How many rows a page was cut from. */
export interface PageCounts {
  /** Rows of the whole view. */
  total: number;
  /** Rows that match the filter (the page holds the first `limit` of them). */
  matching: number;
}

/** Messages to the worker: the snapshot (once per snapshot), then numbered questions about it. */
export type ViewsRequest = { type: 'snapshot'; snapshot: CatalogSnapshot } | { type: 'ask'; id: number; question: ViewQuestion };

/** The worker's answers. */
export type ViewAnswer =
  | { kind: 'role'; view: RoleView | null; counts: PageCounts }
  | { kind: 'relation'; view: RelationView | null; counts: PageCounts }
  | { kind: 'csv'; text: string | null };

/** The rows of `items` whose `text` holds `filter` (case-insensitive), the first `limit` of them, and the counts. */
export function pageOf<T>(items: readonly T[], text: (item: T) => string, q: PageQuestion): { rows: T[]; counts: PageCounts } {
  const needle = q.filter.trim().toLowerCase();
  const matching = needle === '' ? items : items.filter((item) => text(item).toLowerCase().includes(needle));
  return { rows: matching.slice(0, q.limit), counts: { total: items.length, matching: matching.length } };
}

/** A reply to question `id`. */
export type ViewsReply = { id: number; ok: true; answer: ViewAnswer } | { id: number; ok: false; message: string };

/** What the worker keeps for its snapshot: built on first use, once. */
export class ViewsState {
  private snapshot: CatalogSnapshot | null = null;
  private ctx: AccessContext | null = null;
  private engine: ViewEngine | null = null;

  /** Takes a new snapshot; what was built for the previous one is dropped. */
  setSnapshot(snapshot: CatalogSnapshot): void {
    this.snapshot = snapshot;
    this.ctx = null;
    this.engine = null;
    this.last = null;
  }

  private context(): { snapshot: CatalogSnapshot; ctx: AccessContext } {
    if (this.snapshot === null) throw new Error('The catalog is not loaded yet.');
    this.ctx ??= buildAccessContext(this.snapshot);
    return { snapshot: this.snapshot, ctx: this.ctx };
  }

  /** The last view computed: a new filter or the CSV reuse it. */
  private last: { key: string; view: RoleView | RelationView | null } | null = null;

  private cached<V extends RoleView | RelationView>(key: string, compute: () => V | null): V | null {
    if (this.last?.key !== key) this.last = { key, view: compute() };
    return this.last.view as V | null;
  }

  private role(name: string): RoleView | null {
    return this.cached(JSON.stringify(['role', name]), () => {
      const { snapshot, ctx } = this.context();
      this.engine ??= viewEngine(snapshot, ctx);
      const oid = ctx.closure.directory.oidByName.get(name);
      return oid === undefined ? null : roleView(this.engine, oid);
    });
  }

  private relation(schema: string, name: string): RelationView | null {
    return this.cached(JSON.stringify(['relation', schema, name]), () => {
      const { snapshot, ctx } = this.context();
      const schemaOid = snapshot.schemas.find((s) => s.name === schema)?.oid;
      const rel = snapshot.relations.find((r) => r.schemaOid === schemaOid && r.name === name);
      return rel === undefined ? null : relationView(snapshot, ctx, rel.oid);
    });
  }

  /** Answers one question about the snapshot. */
  answer(q: ViewQuestion): ViewAnswer {
    switch (q.kind) {
      case 'role': {
        const v = this.role(q.role);
        if (v === null) return { kind: 'role', view: null, counts: { total: 0, matching: 0 } };
        const page = pageOf(v.relations, (o) => `${o.schema ?? ''}.${o.name}`, q);
        return { kind: 'role', view: { ...v, relations: page.rows }, counts: page.counts };
      }
      case 'relation': {
        const v = this.relation(q.schema, q.name);
        if (v === null) return { kind: 'relation', view: null, counts: { total: 0, matching: 0 } };
        const page = pageOf(v.holders, (h) => h.name, q);
        return { kind: 'relation', view: { ...v, holders: page.rows }, counts: page.counts };
      }
      case 'csv': {
        if (q.of === 'relation') {
          const v = this.relation(q.schema, q.name);
          return { kind: 'csv', text: v === null ? null : relationViewCsv(v) };
        }
        const v = this.role(q.role);
        return { kind: 'csv', text: v === null ? null : q.of === 'role' ? roleViewCsv(v) : membershipsCsv(v) };
      }
    }
  }
}
