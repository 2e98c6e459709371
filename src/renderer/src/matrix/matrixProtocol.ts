import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { MatrixCells } from '../../../shared/privileges/matrixCells';

/** The effective matrix as the worker sends it back: typed arrays, transferred rather than copied. */
export interface MatrixData extends MatrixCells {
  /** Relations in snapshot order. */
  relationCount: number;
}

/** What the page sends the worker. */
export interface MatrixRequest {
  /** Echoed back, so a late answer for an older snapshot is ignored. */
  id: number;
  snapshot: CatalogSnapshot;
}

/** What the worker answers. */
export type MatrixReply = { id: number; ok: true; data: MatrixData } | { id: number; ok: false; message: string };
