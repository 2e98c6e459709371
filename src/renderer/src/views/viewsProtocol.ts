import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { buildAccessContext, type AccessContext } from '../../../shared/privileges/accessColumn';
import { relationView, type RelationView } from '../../../shared/views/relationView';
import { roleView, viewEngine, type RoleView, type ViewEngine } from '../../../shared/views/roleView';
import { membershipsCsv, relationViewCsv, roleViewCsv } from '../../../shared/views/viewCsv';

/** What a view asks the worker: a role's view, a relation's, or one of their CSV files. */
export type ViewQuestion =
  | { kind: 'role'; role: string }
  | { kind: 'relation'; schema: string; name: string }
  | { kind: 'csv'; of: 'role' | 'memberships'; role: string }
  | { kind: 'csv'; of: 'relation'; schema: string; name: string };

/** Messages to the worker: the snapshot (once per snapshot), then numbered questions about it. */
export type ViewsRequest = { type: 'snapshot'; snapshot: CatalogSnapshot } | { type: 'ask'; id: number; question: ViewQuestion };

/** The worker's answers. */
export type ViewAnswer = { kind: 'role'; view: RoleView | null } | { kind: 'relation'; view: RelationView | null } | { kind: 'csv'; text: string | null };

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
  }

  private context(): { snapshot: CatalogSnapshot; ctx: AccessContext } {
    if (this.snapshot === null) throw new Error('The catalog is not loaded yet.');
    this.ctx ??= buildAccessContext(this.snapshot);
    return { snapshot: this.snapshot, ctx: this.ctx };
  }

  private role(name: string): RoleView | null {
    const { snapshot, ctx } = this.context();
    this.engine ??= viewEngine(snapshot, ctx);
    const oid = ctx.closure.directory.oidByName.get(name);
    return oid === undefined ? null : roleView(this.engine, oid);
  }

  private relation(schema: string, name: string): RelationView | null {
    const { snapshot, ctx } = this.context();
    const schemaOid = snapshot.schemas.find((s) => s.name === schema)?.oid;
    const rel = snapshot.relations.find((r) => r.schemaOid === schemaOid && r.name === name);
    return rel === undefined ? null : relationView(snapshot, ctx, rel.oid);
  }

  /** Answers one question about the snapshot. */
  answer(q: ViewQuestion): ViewAnswer {
    switch (q.kind) {
      case 'role':
        return { kind: 'role', view: this.role(q.role) };
      case 'relation':
        return { kind: 'relation', view: this.relation(q.schema, q.name) };
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
