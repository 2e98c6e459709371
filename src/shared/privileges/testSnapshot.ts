import type { CatalogSnapshot, RelationKind, SnapshotRole } from '../catalog/snapshot';
import {
  PG_DATABASE_OWNER_OID,
  PG_MAINTAIN_OID,
  PG_READ_ALL_DATA_OID,
  PG_WRITE_ALL_DATA_OID,
} from './predefined';

/** Oid of the bootstrap superuser `postgres` in built snapshots. */
export const BOOTSTRAP_OID = 10;
/** Oid of schema `public` in built snapshots. */
export const PUBLIC_SCHEMA_OID = 2200;

/** Options for one pg_auth_members row in a built snapshot. */
export interface MemberOptions {
  /** inherit_option (16+); defaults to the member's rolinherit, as GRANT does. */
  inherit?: boolean;
  /** Grantor role oid; defaults to the bootstrap superuser. */
  grantor?: number;
  /** admin_option. */
  admin?: boolean;
  /** set_option (16+); defaults to true, as GRANT does. */
  set?: boolean;
}

/** Test helper: builds CatalogSnapshots tersely, with PostgreSQL's predefined roles present. */
export class SnapshotBuilder {
  private nextOid = 16384;
  private readonly snap: CatalogSnapshot;

  /** Starts a snapshot of database `db` owned by `postgres` on the given server major. */
  constructor(serverMajor = 16) {
    this.snap = {
      serverMajor,
      database: { oid: 5, name: 'db', owner: BOOTSTRAP_OID, datacl: null },
      roles: [],
      memberships: [],
      schemas: [],
      relations: [],
      columns: [],
      defaultAcls: [],
    };
    this.role('postgres', { oid: BOOTSTRAP_OID, superuser: true, canLogin: true });
    this.role('pg_database_owner', { oid: PG_DATABASE_OWNER_OID });
    this.role('pg_read_all_data', { oid: PG_READ_ALL_DATA_OID });
    this.role('pg_write_all_data', { oid: PG_WRITE_ALL_DATA_OID });
    if (serverMajor >= 17) this.role('pg_maintain', { oid: PG_MAINTAIN_OID });
    this.snap.schemas.push({
      oid: PUBLIC_SCHEMA_OID,
      name: 'public',
      owner: serverMajor >= 15 ? PG_DATABASE_OWNER_OID : BOOTSTRAP_OID,
      nspacl: null,
    });
  }

  /** Adds a role (INHERIT, NOLOGIN unless told) and returns its oid. */
  role(name: string, opts: Partial<SnapshotRole> = {}): number {
    const oid = opts.oid ?? this.nextOid++;
    this.snap.roles.push({
      name,
      superuser: false,
      inherit: true,
      canLogin: false,
      createRole: false,
      createDb: false,
      replication: false,
      bypassRls: false,
      connectionLimit: -1,
      validUntil: null,
      hasPassword: null,
      ...opts,
      oid,
    });
    return oid;
  }

  /** GRANT group TO member: one pg_auth_members row. */
  member(group: number, member: number, opts: MemberOptions = {}): this {
    const memberRole = this.snap.roles.find((r) => r.oid === member);
    const modern = this.snap.serverMajor >= 16;
    this.snap.memberships.push({
      roleid: group,
      member,
      grantor: opts.grantor ?? BOOTSTRAP_OID,
      adminOption: opts.admin ?? false,
      inheritOption: modern ? (opts.inherit ?? memberRole?.inherit ?? true) : null,
      setOption: modern ? (opts.set ?? true) : null,
    });
    return this;
  }

  /** Adds a schema and returns its oid. */
  schema(name: string, owner: number, nspacl: string | null = null): number {
    const oid = this.nextOid++;
    this.snap.schemas.push({ oid, name, owner, nspacl });
    return oid;
  }

  /** Adds a relation (in public unless told) and returns its oid. */
  relation(
    name: string,
    owner: number,
    relacl: string | null,
    kind: RelationKind = 'r',
    schemaOid = PUBLIC_SCHEMA_OID,
    oid = this.nextOid++,
  ): number {
    this.snap.relations.push({ oid, schemaOid, name, kind, owner, relacl });
    return oid;
  }

  /** Adds a column ACL. */
  column(relationOid: number, attnum: number, name: string, attacl: string | null): this {
    (this.snap.columns ??= []).push({ relationOid, attnum, name, attacl });
    return this;
  }

  /** Sets the database's owner and datacl. */
  database(owner: number, datacl: string | null): this {
    this.snap.database = { ...this.snap.database, owner, datacl };
    return this;
  }

  /** The snapshot built so far. */
  build(): CatalogSnapshot {
    return this.snap;
  }
}
