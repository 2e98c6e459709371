import { cellFacts } from './cellLookup';
import type { RelationItem, RoleItem } from './matrixAxes';
import type { MatrixData } from './matrixProtocol';

/** Which cells the grid marks as staged, by cellEdits.stagedKey(role, schema, table). */
export interface StagedCells {
  has(key: string): boolean;
}

/** A matrix with its axes, as the grid draws it. */
export interface DrawnMatrix {
  roles: readonly RoleItem[];
  relations: readonly RelationItem[];
  data: MatrixData;
}

const relKey = (schema: string, table: string) => `${schema}\u0000${table}`;

function index(m: DrawnMatrix) {
  return {
    roles: new Map(m.roles.map((r) => [r.name, r])),
    relations: new Map(m.relations.map((r) => [relKey(r.schema, r.name), r])),
  };
}

/**
 * A cell is marked staged when a staged change names it (`direct`), or when the staged
 * changes, taken together, change what it shows: the projected matrix differs from the
 * server's there (a staged group membership, SUPERUSER taken away, a schema-wide grant, …).
 * Only the cells on screen are asked, so nothing scans the whole matrix.
 */
export function stagedCells(direct: ReadonlySet<string>, projected: DrawnMatrix | null, base: DrawnMatrix | null): StagedCells {
  if (projected === null || base === null) return direct;
  let maps: { p: ReturnType<typeof index>; b: ReturnType<typeof index> } | null = null;
  return {
    has(key: string): boolean {
      if (direct.has(key)) return true;
      const [role = '', schema = '', table = ''] = key.split('\u0000');
      maps ??= { p: index(projected), b: index(base) };
      const pRole = maps.p.roles.get(role);
      const pRel = maps.p.relations.get(relKey(schema, table));
      if (pRole === undefined || pRel === undefined) return false;
      const now = cellFacts(projected.data, pRole, pRel);
      const bRole = maps.b.roles.get(role);
      const bRel = maps.b.relations.get(relKey(schema, table));
      const before = bRole === undefined || bRel === undefined ? null : cellFacts(base.data, bRole, bRel);
      if (before === null) return now.privileges !== 0 || now.superuser;
      return before.privileges !== now.privileges || before.grantable !== now.grantable || before.superuser !== now.superuser;
    },
  };
}
