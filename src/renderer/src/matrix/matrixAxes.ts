import type { CatalogSnapshot, RelationKind } from '../../../shared/catalog/snapshot';
import { rolesHolding } from '../../../shared/privileges/matrixCells';
import type { MatrixData } from './matrixProtocol';

/** A role on one axis of the grid. */
export interface RoleItem {
  type: 'role';
  /** Position in the snapshot (and the matrix arrays). */
  index: number;
  oid: number;
  name: string;
  superuser: boolean;
  login: boolean;
  /** True when only a staged change creates it (it exists in the projection, not on the server). */
  staged: boolean;
}

/** A relation on one axis of the grid. */
export interface RelationItem {
  type: 'relation';
  /** Position in the snapshot (and the matrix arrays). */
  index: number;
  oid: number;
  schema: string;
  name: string;
  kind: RelationKind;
  /** Role index of the owner, -1 when unknown. */
  ownerIndex: number;
  /** schema.name as people read it. */
  label: string;
}

/** One item on either axis. */
export type AxisItem = RoleItem | RelationItem;

/** The filters above the grid. */
export interface MatrixFilters {
  /** Schema name, or '' for every schema. */
  schema: string;
  kind: 'all' | 'users' | 'groups';
  /** Case-insensitive substring of a role name or schema.table. */
  text: string;
  /** The privilege bit that counts as access, 0 for any. */
  privilege: number;
  onlyWithAccess: boolean;
  /** Show pg_* predefined roles. */
  predefined: boolean;
}

/** Filters that show everything but the predefined roles. */
export const defaultFilters: MatrixFilters = { schema: '', kind: 'all', text: '', privilege: 0, onlyWithAccess: false, predefined: false };

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every role and relation of a snapshot, sorted by name (relations by schema, then name); `stagedRoles` are marked. */
export function axesOf(snapshot: CatalogSnapshot, stagedRoles: ReadonlySet<number> = new Set()): { roles: RoleItem[]; relations: RelationItem[] } {
  const roleIndex = new Map(snapshot.roles.map((r, i) => [r.oid, i]));
  const schemaName = new Map(snapshot.schemas.map((s) => [s.oid, s.name]));
  const roles: RoleItem[] = snapshot.roles.map((r, index) => ({
    type: 'role',
    index,
    oid: r.oid,
    name: r.name,
    superuser: r.superuser,
    login: r.canLogin,
    staged: stagedRoles.has(r.oid),
  }));
  const relations: RelationItem[] = snapshot.relations.map((r, index) => {
    const schema = schemaName.get(r.schemaOid) ?? String(r.schemaOid);
    return {
      type: 'relation',
      index,
      oid: r.oid,
      schema,
      name: r.name,
      kind: r.kind,
      ownerIndex: roleIndex.get(r.owner) ?? -1,
      label: `${schema}.${r.name}`,
    };
  });
  roles.sort(byName);
  relations.sort((a, b) => (a.schema === b.schema ? byName(a, b) : a.schema < b.schema ? -1 : 1));
  return { roles, relations };
}

/** The items whose label contains `text` (lower case); every item when `text` is empty. */
function matching<T extends AxisItem>(items: T[], text: string, label: (item: T) => string): T[] {
  return text === '' ? items : items.filter((item) => label(item).toLowerCase().includes(text));
}

/** The roles and relations the filters leave, in display order. */
export function filterAxes(
  all: { roles: RoleItem[]; relations: RelationItem[] },
  data: MatrixData,
  f: MatrixFilters,
): { roles: RoleItem[]; relations: RelationItem[] } {
  const text = f.text.trim().toLowerCase();
  let roles = all.roles.filter(
    (r) => (f.predefined || !r.name.startsWith('pg_')) && (f.kind === 'all' || (f.kind === 'users') === r.login),
  );
  let relations = all.relations.filter((r) => f.schema === '' || r.schema === f.schema);
  // why: one box filters both axes: "users" narrows the tables, "data_viewer" the roles. The
  // axis it names nothing on stays whole; a text that names nothing on either leaves nothing.
  const roleHits = matching(roles, text, (r) => r.name);
  const relationHits = matching(relations, text, (r) => r.label);
  if (roleHits.length === 0 && relationHits.length === 0) return { roles: [], relations: [] };
  if (roleHits.length > 0) roles = roleHits;
  if (relationHits.length > 0) relations = relationHits;
  if (f.onlyWithAccess) {
    const want = f.privilege === 0 ? 0xffff : f.privilege;
    // why: relations of one access class have the same cells, so each class is checked once.
    const holding = rolesHolding(data, relations.map((rel) => rel.index), want);
    roles = roles.filter((role) => holding[role.index] === 1);
  }
  return { roles, relations };
}

/** Why the grid is empty, in plain words (the text filter first: it is what people type). */
export function noMatchWords(f: MatrixFilters, shown: { roles: readonly RoleItem[]; relations: readonly RelationItem[] }): string {
  const text = f.text.trim();
  if (text !== '' && shown.roles.length === 0 && shown.relations.length === 0) return `Nothing matches “${text}”: no role and no relation has it in its name.`;
  return `No ${shown.roles.length === 0 ? 'roles' : 'relations'} match the filters.`;
}
