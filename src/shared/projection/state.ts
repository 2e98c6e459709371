import type { CatalogSnapshot, SnapshotRelation, SnapshotRole, SnapshotSchema } from '../catalog/snapshot';
import type { AclItem } from '../privileges/aclitem';
import { parseAclArray } from '../privileges/aclitem';
import type { AclObjectType } from '../privileges/acldefault';
import { aclText, defaultAclItems, sameAcl } from './aclEdit';

/** The acldefault object type of each pg_default_acl object type. */
export const defaultAclTypes: Readonly<Record<CatalogSnapshot['defaultAcls'][number]['objtype'], AclObjectType>> = {
  r: 'r',
  S: 's',
  f: 'f',
  T: 'T',
  n: 'n',
  L: 'L',
};

/** A database of the server as the projection sees it. */
export interface ProjectedDatabase {
  name: string;
  /** Owner's role name. */
  owner: string;
  /** True when only a staged change creates it. */
  staged: boolean;
}

/** The highest oid; synthetic oids of staged objects count down from here. */
const maxOid = 4_294_967_295;
/** Synthetic oids live in the top 2^28 oids, far above what a server hands out in practice. */
const syntheticSpan = 2 ** 28;

/** A stable oid for a staged object: the same name gets the same oid in every projection. */
function syntheticOid(kind: string, name: string, taken: (oid: number) => boolean): number {
  // why: the why panel and the grid keep the opened cell by oid; a hash of the name keeps it
  // stable when other staged changes come and go (FNV-1a, then probing on a collision).
  let h = 0x811c9dc5;
  for (const ch of `${kind}\u0000${name}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let oid = maxOid - (h % syntheticSpan);
  while (taken(oid)) oid = oid <= maxOid - syntheticSpan ? maxOid : oid - 1;
  return oid;
}

/** The working copy a projection edits, change after change; `finish` gives the snapshot. */
export class ProjectionState {
  roles: SnapshotRole[];
  memberships: CatalogSnapshot['memberships'];
  schemas: SnapshotSchema[];
  relations: SnapshotRelation[];
  columns: CatalogSnapshot['columns'];
  defaultAcls: CatalogSnapshot['defaultAcls'];
  database: CatalogSnapshot['database'];
  readonly databases: ProjectedDatabase[];
  readonly stagedRoles = new Set<number>();
  readonly stagedSchemas = new Set<number>();
  /** Whether any change altered this database's snapshot. */
  touched = false;
  private readonly usedOids = new Set<number>();

  constructor(
    readonly base: CatalogSnapshot,
    databases: readonly { name: string; owner: string }[],
  ) {
    this.roles = [...base.roles];
    this.memberships = [...base.memberships];
    this.schemas = [...base.schemas];
    this.relations = [...base.relations];
    this.columns = base.columns === undefined ? undefined : [...base.columns];
    this.defaultAcls = [...base.defaultAcls];
    this.database = base.database;
    this.databases = databases.map((d) => ({ ...d, staged: false }));
    for (const r of base.roles) this.usedOids.add(r.oid);
    for (const s of base.schemas) this.usedOids.add(s.oid);
  }

  get major(): number {
    return this.base.serverMajor;
  }

  /** True when `database` is the one this snapshot was read from. */
  isHere(database: string): boolean {
    return database === this.database.name;
  }

  roleByName(name: string): SnapshotRole | undefined {
    return this.roles.find((r) => r.name === name);
  }

  roleName(oid: number): string {
    return this.roles.find((r) => r.oid === oid)?.name ?? String(oid);
  }

  schemaByName(name: string): SnapshotSchema | undefined {
    return this.schemas.find((s) => s.name === name);
  }

  /** A new oid for a staged object, stable across projections. */
  newOid(kind: 'role' | 'schema', name: string): number {
    const oid = syntheticOid(kind, name, (o) => this.usedOids.has(o));
    this.usedOids.add(oid);
    return oid;
  }

  /** Rewrites every ACL of this database (and its pg_database row) with `edit`. */
  editEveryAcl(edit: (items: AclItem[]) => AclItem[]): void {
    const rewrite = (text: string | null): string | null => (text === null ? null : aclText(edit(parseAclArray(text))));
    // why: the same ACL text recurs on many relations; each distinct text is rewritten once.
    const memo = new Map<string, string | null>();
    const cached = (text: string | null): string | null => {
      if (text === null) return null;
      let out = memo.get(text);
      if (out === undefined) {
        out = rewrite(text);
        memo.set(text, out);
      }
      return out;
    };
    this.relations = this.relations.map((r) => ({ ...r, relacl: cached(r.relacl) }));
    this.schemas = this.schemas.map((s) => ({ ...s, nspacl: cached(s.nspacl) }));
    this.columns = this.columns?.map((c) => ({ ...c, attacl: cached(c.attacl) }));
    this.defaultAcls = this.defaultAcls.flatMap((d) => {
      const items = parseAclArray(cached(d.defaclacl) ?? d.defaclacl);
      // why: like ALTER DEFAULT PRIVILEGES, a row left equal to its starting point (the
      // hard-wired default for a global row, nothing for a per-schema one) is deleted.
      const start = d.schemaOid === null ? defaultAclItems(defaultAclTypes[d.objtype], this.roleName(d.role), this.major) : [];
      return sameAcl(items, start) ? [] : [{ ...d, defaclacl: aclText(items) }];
    });
    this.database = { ...this.database, datacl: cached(this.database.datacl) };
    this.touched = true;
  }

  /** The snapshot as it will be; the base itself when nothing here changed. */
  finish(): CatalogSnapshot {
    if (!this.touched) return this.base;
    return {
      serverMajor: this.base.serverMajor,
      database: this.database,
      roles: this.roles,
      memberships: this.memberships,
      schemas: this.schemas,
      relations: this.relations,
      ...(this.columns === undefined ? {} : { columns: this.columns }),
      defaultAcls: this.defaultAcls,
    };
  }
}
