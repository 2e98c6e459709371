import type { CatalogSnapshot, RelationKind } from '../catalog/snapshot';
import { acldefault, relationAclObjectType } from './acldefault';
import type { AclItem } from './aclitem';
import { formatAclArray, parseAclArray } from './aclitem';
import { DELETE, INSERT, MAINTAIN, SELECT, TRUNCATE, UPDATE, USAGE, relevantRelationRights } from './bits';
import { BOOTSTRAP_OID, SnapshotBuilder } from './testSnapshot';

/**
 * Test helper: a deliberately naive, per-cell transcription of PostgreSQL's
 * pg_class_aclmask_ext + aclmask + roles_is_member_of, to cross-check the fast engine.
 */
export function referenceRelationCell(
  snap: CatalogSnapshot,
  roleOid: number,
  relationOid: number,
): { privileges: number; grantable: number } {
  const role = snap.roles.find((r) => r.oid === roleOid);
  const rel = snap.relations.find((r) => r.oid === relationOid);
  if (!role || !rel) throw new Error('unknown role or relation');
  const relevant = relevantRelationRights(rel.kind, snap.serverMajor);
  if (role.superuser) return { privileges: relevant, grantable: relevant };
  const system = rel.kind !== 'v' && (rel.oid < 12000 || rel.schemaOid === 99);
  const allowed = system ? relevant & ~(INSERT | UPDATE | DELETE | TRUNCATE | USAGE) : relevant;
  const uses = new Set<number>();
  const visit = (oid: number): void => {
    if (uses.has(oid)) return;
    uses.add(oid);
    const r = snap.roles.find((x) => x.oid === oid);
    if (!r) return;
    if (snap.serverMajor < 16 && !r.inherit) return;
    for (const m of snap.memberships) {
      if (m.member !== oid) continue;
      if (snap.serverMajor >= 16 && !(m.inheritOption ?? r.inherit)) continue;
      visit(m.roleid);
    }
    if (oid === snap.database.owner) visit(6171);
  };
  visit(roleOid);
  const oidOf = (name: string | null): number | null =>
    name === null ? 0 : (snap.roles.find((r) => r.name === name)?.oid ?? null);
  const acl =
    rel.relacl === null
      ? acldefault(relationAclObjectType(rel.kind), rel.owner, snap.serverMajor)
      : parseAclArray(rel.relacl).map((i) => ({ ...i, grantee: oidOf(i.grantee) }));
  let privileges = 0;
  let grantable = uses.has(rel.owner) ? relevant : 0;
  for (const e of acl) {
    if (e.grantee === 0 || (e.grantee !== null && uses.has(e.grantee))) {
      privileges |= e.privileges;
      grantable |= e.grantOptions;
    }
  }
  if (uses.has(6181)) privileges |= SELECT;
  if (uses.has(6182)) privileges |= INSERT | UPDATE | DELETE;
  if (snap.serverMajor >= 17 && uses.has(6337)) privileges |= MAINTAIN;
  return { privileges: privileges & allowed, grantable: grantable & relevant };
}

/** Test helper: a small deterministic pseudo-random generator. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const hostileNames = [
  'Quo"te',
  'sp ace',
  'CAPS',
  'do.t',
  'da-sh',
  'eq=ual',
  'sl/ash',
  'com,ma',
  '😀',
  'b\\s',
  '12345',
  'public',
  'PUBLIC',
];

/** Test helper: a random snapshot with hostile names, groups, NOINHERIT, several grantors, predefined roles. */
export function randomSnapshot(seed: number, serverMajor: number, roleCount = 14, relationCount = 25): CatalogSnapshot {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const b = new SnapshotBuilder(serverMajor);
  const roles: number[] = [];
  for (let i = 0; i < roleCount; i++) {
    const name = `${pick(hostileNames)}${i}`;
    roles.push(b.role(name, { superuser: rnd() < 0.07, inherit: rnd() < 0.75 }));
  }
  const predefined = b.build().roles.filter((r) => r.name.startsWith('pg_') && r.name !== 'pg_database_owner');
  for (let i = 0; i < roles.length; i++) {
    for (let j = i + 1; j < roles.length; j++) {
      if (rnd() < 0.12) b.member(roles[j] ?? 0, roles[i] ?? 0, { inherit: rnd() < 0.7 });
      if (rnd() < 0.04) b.member(roles[j] ?? 0, roles[i] ?? 0, { inherit: rnd() < 0.5, grantor: roles[0] });
    }
    if (rnd() < 0.1) b.member(pick(predefined).oid, roles[i] ?? 0);
  }
  b.database(pick(roles), null);
  const names = b.build().roles.map((r) => r.name);
  const kinds: RelationKind[] = ['r', 'r', 'v', 'm', 'S', 'f', 'p'];
  for (let k = 0; k < relationCount; k++) {
    const kind = pick(kinds);
    const owner = rnd() < 0.2 ? BOOTSTRAP_OID : pick(roles);
    const ownerName = b.build().roles.find((r) => r.oid === owner)?.name ?? 'postgres';
    let relacl: string | null = null;
    if (rnd() < 0.75) {
      const letters = kind === 'S' ? 'rwU' : 'arwdDxtm';
      const items: AclItem[] = [];
      if (rnd() < 0.7) {
        items.push({ grantee: ownerName, grantor: ownerName, privileges: letterMask(letters, rnd), grantOptions: 0 });
      }
      const n = Math.floor(rnd() * 4);
      for (let e = 0; e < n; e++) {
        const privileges = letterMask(letters, rnd);
        const grantee = rnd() < 0.2 ? null : rnd() < 0.05 ? '99999' : pick(names);
        const grantOptions = grantee && rnd() < 0.4 ? privileges : 0;
        items.push({ grantee, grantor: pick(names), privileges, grantOptions });
      }
      relacl = formatAclArray(items);
    }
    const system = rnd() < 0.1;
    b.relation(`rel${k}`, owner, relacl, kind, system && rnd() < 0.5 ? 99 : 2200, system ? 1000 + k : undefined);
  }
  return b.build();
}

function letterMask(letters: string, rnd: () => number): number {
  let mask = 0;
  for (const c of letters) if (rnd() < 0.4) mask |= 1 << 'arwdDxtXUCTcsAm'.indexOf(c);
  return mask;
}
