import { z } from 'zod';

/** An object identifier as PostgreSQL stores it: an unsigned 32-bit integer. */
export const oidSchema = z.number().int().min(0).max(4_294_967_295);

/** The text form of an aclitem[] exactly as pg_catalog prints it, or null for "never set". */
const aclTextSchema = z.string().nullable();

/** pg_class.relkind letters Warden shows: table, view, matview, sequence, foreign, partitioned. */
export const relationKinds = ['r', 'v', 'm', 'S', 'f', 'p'] as const;
/** Schema for a relkind letter. */
export const relationKindSchema = z.enum(relationKinds);
/** One relkind letter. */
export type RelationKind = z.infer<typeof relationKindSchema>;
/** Each relkind in words. */
export const relationKindNames = {
  r: 'table',
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
  f: 'foreign table',
  p: 'partitioned table',
} as const satisfies Record<RelationKind, string>;

/** pg_default_acl.defaclobjtype letters: tables, sequences, functions, types, schemas, large objects (18+). */
export const defaultAclObjtypes = ['r', 'S', 'f', 'T', 'n', 'L'] as const;
/** Schema for a pg_default_acl object type letter. */
export const defaultAclObjtypeSchema = z.enum(defaultAclObjtypes);

/** The database the snapshot was read from (pg_database row). */
export const snapshotDatabaseSchema = z.object({
  oid: oidSchema,
  name: z.string().min(1),
  owner: oidSchema,
  datacl: aclTextSchema,
});

/** One role (pg_roles / pg_authid row). */
export const snapshotRoleSchema = z.object({
  oid: oidSchema,
  name: z.string().min(1),
  superuser: z.boolean(),
  inherit: z.boolean(),
  canLogin: z.boolean(),
  createRole: z.boolean(),
  createDb: z.boolean(),
  replication: z.boolean(),
  bypassRls: z.boolean(),
  connectionLimit: z.number().int(),
  /** rolvaliduntil as text, null when unset. */
  validUntil: z.string().nullable(),
  /** Whether rolpassword is set; null when unknown (pg_authid unreadable without superuser). */
  hasPassword: z.boolean().nullable(),
});
/** One role. */
export type SnapshotRole = z.infer<typeof snapshotRoleSchema>;

/** One pg_auth_members row: `member` is a member of `roleid`, granted by `grantor`. */
export const snapshotMembershipSchema = z.object({
  roleid: oidSchema,
  member: oidSchema,
  grantor: oidSchema,
  adminOption: z.boolean(),
  /** inherit_option; null before PostgreSQL 16 (the member's rolinherit decides there). */
  inheritOption: z.boolean().nullable(),
  /** set_option; null before PostgreSQL 16. */
  setOption: z.boolean().nullable(),
});
/** One pg_auth_members row. */
export type SnapshotMembership = z.infer<typeof snapshotMembershipSchema>;

/** One schema (pg_namespace row). */
export const snapshotSchemaSchema = z.object({
  oid: oidSchema,
  name: z.string().min(1),
  owner: oidSchema,
  nspacl: aclTextSchema,
});
/** One schema. */
export type SnapshotSchema = z.infer<typeof snapshotSchemaSchema>;

/** One relation (pg_class row) of a kind Warden shows. */
export const snapshotRelationSchema = z.object({
  oid: oidSchema,
  schemaOid: oidSchema,
  name: z.string().min(1),
  kind: relationKindSchema,
  owner: oidSchema,
  relacl: aclTextSchema,
});
/** One relation. */
export type SnapshotRelation = z.infer<typeof snapshotRelationSchema>;

/** One column that has an ACL (pg_attribute row); columns without attacl may be left out. */
export const snapshotColumnSchema = z.object({
  relationOid: oidSchema,
  attnum: z.number().int().positive(),
  name: z.string().min(1),
  attacl: aclTextSchema,
});
/** One column. */
export type SnapshotColumn = z.infer<typeof snapshotColumnSchema>;

/** One pg_default_acl row; schemaOid null means "in every schema". */
export const snapshotDefaultAclSchema = z.object({
  role: oidSchema,
  schemaOid: oidSchema.nullable(),
  objtype: defaultAclObjtypeSchema,
  defaclacl: z.string(),
});
/** One pg_default_acl row. */
export type SnapshotDefaultAcl = z.infer<typeof snapshotDefaultAclSchema>;

/**
 * Plain data read from pg_catalog of ONE database. Identity is always by oid;
 * names are for display only. ACLs stay in their aclitem[] text form.
 */
export const catalogSnapshotSchema = z.object({
  // why: no upper bound: a newer major is read as the newest Warden knows (serverVersions.ts).
  serverMajor: z.number().int().min(14),
  database: snapshotDatabaseSchema,
  roles: z.array(snapshotRoleSchema),
  memberships: z.array(snapshotMembershipSchema),
  schemas: z.array(snapshotSchemaSchema),
  relations: z.array(snapshotRelationSchema),
  /** Column ACLs; absent when not loaded yet (they are loaded on demand). */
  columns: z.array(snapshotColumnSchema).optional(),
  defaultAcls: z.array(snapshotDefaultAclSchema),
});
/** Plain data read from pg_catalog of one database. */
export type CatalogSnapshot = z.infer<typeof catalogSnapshotSchema>;

/** The snapshot without its two large arrays, validated with zod as usual. */
const snapshotHeadSchema = catalogSnapshotSchema.omit({ relations: true, columns: true });
const relationKindSet: ReadonlySet<unknown> = new Set(relationKinds);

function isOid(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4_294_967_295;
}

function fail(path: string, what: string): never {
  throw new Error(`Invalid catalog snapshot: ${path} ${what}`);
}

/** One relation checked field by field, with snapshotRelationSchema's guarantees (`index` names it in errors). */
function checkRelation(index: number, oid: unknown, schemaOid: unknown, name: unknown, kind: unknown, owner: unknown, relacl: unknown): SnapshotRelation {
  if (!isOid(oid)) fail(`relations[${index}].oid`, 'is not an oid');
  if (!isOid(schemaOid)) fail(`relations[${index}].schemaOid`, 'is not an oid');
  if (typeof name !== 'string' || name.length === 0) fail(`relations[${index}].name`, 'is not a non-empty string');
  if (!relationKindSet.has(kind)) fail(`relations[${index}].kind`, 'is not a relation kind');
  if (!isOid(owner)) fail(`relations[${index}].owner`, 'is not an oid');
  if (relacl !== null && typeof relacl !== 'string') fail(`relations[${index}].relacl`, 'is not a string or null');
  return { oid, schemaOid, name, kind: kind as RelationKind, owner, relacl };
}

/**
 * Same guarantees as snapshotRelationSchema for every element, without zod's per-object
 * cost (20,000+ relations on a large catalog). Returns fresh objects with only the
 * schema's keys, as zod would.
 */
function checkRelations(value: unknown): SnapshotRelation[] {
  if (!Array.isArray(value)) fail('relations', 'is not an array');
  const out = new Array<SnapshotRelation>(value.length);
  for (let i = 0; i < value.length; i++) {
    const r: unknown = value[i];
    if (typeof r !== 'object' || r === null) fail(`relations[${i}]`, 'is not an object');
    const { oid, schemaOid, name, kind, owner, relacl } = r as Record<string, unknown>;
    out[i] = checkRelation(i, oid, schemaOid, name, kind, owner, relacl);
  }
  return out;
}

/** Reads the digits of `text` from `from` up to the next comma as a number (NaN when there are none or something else). */
function digitsAt(text: string, from: number): { value: number; next: number } {
  let value = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) break;
    if (c < 48 || c > 57 || i - from >= 10) return { value: NaN, next: i };
    value = value * 10 + (c - 48);
  }
  return { value: i === from || i >= text.length ? NaN : value, next: i + 1 };
}

/**
 * One relation from the loader's two text fields, `oid,schemaOid,owner,kind,name` (packed
 * by the server: one string per row instead of five) and relacl, with
 * snapshotRelationSchema's guarantees. The name is everything after the fourth comma, so
 * it may hold commas itself.
 */
export function relationFromPacked(packed: string | null | undefined, relacl: string | null | undefined, index: number): SnapshotRelation {
  if (typeof packed !== 'string') fail(`relations[${index}]`, 'is not a packed row');
  const oid = digitsAt(packed, 0);
  const schemaOid = digitsAt(packed, oid.next);
  const owner = digitsAt(packed, schemaOid.next);
  const kind = packed.charAt(owner.next);
  if (packed.charCodeAt(owner.next + 1) !== 44) fail(`relations[${index}].kind`, 'is not a relation kind');
  return checkRelation(index, oid.value, schemaOid.value, packed.slice(owner.next + 2), kind, owner.value, relacl ?? null);
}

/** Same guarantees as snapshotColumnSchema for every element (see checkRelations). */
function checkColumns(value: unknown): SnapshotColumn[] {
  if (!Array.isArray(value)) fail('columns', 'is not an array');
  const out = new Array<SnapshotColumn>(value.length);
  for (let i = 0; i < value.length; i++) {
    const c: unknown = value[i];
    if (typeof c !== 'object' || c === null) fail(`columns[${i}]`, 'is not an object');
    const { relationOid, attnum, name, attacl } = c as Record<string, unknown>;
    if (!isOid(relationOid)) fail(`columns[${i}].relationOid`, 'is not an oid');
    if (typeof attnum !== 'number' || !Number.isInteger(attnum) || attnum <= 0) fail(`columns[${i}].attnum`, 'is not a positive integer');
    if (typeof name !== 'string' || name.length === 0) fail(`columns[${i}].name`, 'is not a non-empty string');
    if (attacl !== null && typeof attacl !== 'string') fail(`columns[${i}].attacl`, 'is not a string or null');
    out[i] = { relationOid, attnum, name, attacl };
  }
  return out;
}

/** Validates untrusted data as a list of columns (what snapshotColumnSchema accepts, per element). */
export function parseCatalogColumns(value: unknown): SnapshotColumn[] {
  return checkColumns(value);
}

/**
 * Validates untrusted data as a CatalogSnapshot: accepts and rejects exactly what
 * catalogSnapshotSchema.parse does (throwing on invalid input), but checks the large
 * relation and column arrays with a hand-written loop instead of zod.
 */
export function parseCatalogSnapshot(value: unknown): CatalogSnapshot {
  if (typeof value !== 'object' || value === null) fail('snapshot', 'is not an object');
  const { relations, columns, ...head } = value as Record<string, unknown>;
  const parsed = snapshotHeadSchema.parse(head);
  return {
    ...parsed,
    relations: checkRelations(relations),
    ...(columns === undefined ? {} : { columns: checkColumns(columns) }),
  };
}

/**
 * parseCatalogSnapshot for the catalog loader: `head` (everything but relations) is
 * checked as usual; `relations` must each come from relationFromPacked, which checked them.
 */
export function parseCatalogSnapshotParts(head: Record<string, unknown>, relations: SnapshotRelation[]): CatalogSnapshot {
  const { columns, ...rest } = head;
  return {
    ...snapshotHeadSchema.parse(rest),
    relations,
    ...(columns === undefined ? {} : { columns: checkColumns(columns) }),
  };
}
