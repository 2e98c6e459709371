import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { MatrixCells } from '../../../shared/privileges/matrixCells';

/** A superuser that also holds grants or group memberships: the grants mean nothing. */
export interface SuperuserTrap {
  /** The role's oid. */
  oid: number;
  /** The role's name. */
  name: string;
  /** How many ACL entries (database, schemas, relations) name it as grantee, ownership left out. */
  grants: number;
  /** Groups it is a member of. */
  groups: string[];
}

/** The effective matrix as the worker sends it back: typed arrays, transferred rather than copied. */
export interface MatrixData extends MatrixCells {
  /** Relations in snapshot order. */
  relationCount: number;
  /** Superusers (other than the bootstrap superuser) that hold grants. */
  traps: SuperuserTrap[];
}

/** What the page sends the worker. */
export interface MatrixRequest {
  /** Echoed back, so a late answer for an older snapshot is ignored. */
  id: number;
  snapshot: CatalogSnapshot;
}

/** What the worker answers. */
export type MatrixReply = { id: number; ok: true; data: MatrixData } | { id: number; ok: false; message: string };
