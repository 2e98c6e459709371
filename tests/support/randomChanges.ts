import type { CatalogSnapshot } from '../../src/shared/catalog/snapshot';
import { privilegesFor, type Privilege } from '../../src/shared/changes/privileges';
import type { ChangeInput } from '../../src/shared/changes/schema';
import { projectSnapshot } from '../../src/shared/projection/project';

// why: the projection oracle (tests/integration/projectionOracle.test.ts) needs change sets a
// person could stage: each change is drawn from the catalog as the changes before it leave
// it (the projection itself), and only changes the server accepts are drawn (no membership
// cycles, no grant options to PUBLIC, nothing on the connected or bootstrap superuser).

/** What the generator needs besides the random source. */
export interface RandomChangeContext {
  database: string;
  /** The role the changes run as: never altered, dropped or made to own things it must keep. */
  currentUser: string;
  /** Makes a fresh, unique name with awkward characters, e.g. for a new role or schema. */
  freshName: (kind: 'role' | 'schema') => string;
  /** Roles earlier rounds created, which may be dropped. */
  created: string[];
}

type Rand = () => number;

const pick = <T>(rand: Rand, items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
const chance = (rand: Rand, p: number) => rand() < p;

function subset<T>(rand: Rand, items: readonly T[]): T[] {
  const out = items.filter(() => chance(rand, 0.4));
  const first = pick(rand, items);
  return out.length > 0 || first === undefined ? out : [first];
}

function isMemberOf(s: CatalogSnapshot, member: number, group: number): boolean {
  const seen = new Set<number>();
  const queue = [member];
  while (queue.length > 0) {
    const r = queue.pop() as number;
    if (r === group) return true;
    if (seen.has(r)) continue;
    seen.add(r);
    for (const m of s.memberships) if (m.member === r) queue.push(m.roleid);
  }
  return false;
}

/** One change the server will accept on top of `s` (the projection of the changes before it), or null. */
function oneChange(rand: Rand, s: CatalogSnapshot, ctx: RandomChangeContext): ChangeInput | null {
  const ordinary = s.roles.filter((r) => !r.name.startsWith('pg_') && r.oid !== 10 && r.name !== ctx.currentUser);
  const groups = [...ordinary, ...s.roles.filter((r) => r.name === 'pg_read_all_data' || r.name === 'pg_write_all_data')];
  const schemaName = new Map(s.schemas.map((n) => [n.oid, n.name]));
  const userSchemas = s.schemas.filter((n) => !n.name.startsWith('pg_') && n.name !== 'information_schema');
  const relations = s.relations.filter((r) => schemaName.has(r.schemaOid) && !schemaName.get(r.schemaOid)?.startsWith('pg_') && schemaName.get(r.schemaOid) !== 'information_schema');
  const role = (name: string) => ({ kind: 'role', name }) as const;
  const grantee = () => (chance(rand, 0.15) ? ({ kind: 'public' } as const) : role(pick(rand, ordinary)?.name ?? ctx.currentUser));
  const database = ctx.database;
  const kind = pick(rand, ['createRole', 'alterRole', 'addMember', 'removeMember', 'table', 'table', 'table', 'schemaWide', 'schema', 'defaults', 'createSchema', 'database'] as const);
  switch (kind) {
    case 'createRole':
      return {
        kind: 'createRole',
        name: ctx.freshName('role'),
        login: chance(rand, 0.5),
        password: { kind: 'none' },
        superuser: chance(rand, 0.1),
        createDb: false,
        createRole: false,
        inherit: chance(rand, 0.8),
        memberOf: chance(rand, 0.5) ? subset(rand, groups).slice(0, 2).map((g) => g.name) : [],
      };
    case 'alterRole': {
      const r = pick(rand, ordinary);
      if (r === undefined) return null;
      if (ctx.created.includes(r.name) && chance(rand, 0.25)) {
        // why: a rename rewrites every ACL that names the role, as the server prints them.
        const rename = ctx.freshName('role');
        ctx.created.push(rename);
        return { kind: 'alterRole', name: r.name, rename };
      }
      return chance(rand, 0.6) ? { kind: 'alterRole', name: r.name, superuser: !r.superuser } : { kind: 'alterRole', name: r.name, inherit: !r.inherit };
    }
    case 'addMember': {
      const group = pick(rand, groups);
      const member = pick(rand, ordinary);
      if (group === undefined || member === undefined || group.oid === member.oid || isMemberOf(s, group.oid, member.oid)) return null;
      // why: from 16 each membership has its own INHERIT and SET options.
      const options = s.serverMajor >= 16 && chance(rand, 0.3) ? { inherit: chance(rand, 0.5), set: chance(rand, 0.5) } : {};
      return { kind: 'addMember', group: group.name, member: member.name, ...(chance(rand, 0.2) ? { admin: true } : {}), ...options };
    }
    case 'removeMember': {
      const m = pick(rand, s.memberships.filter((x) => ordinary.some((r) => r.oid === x.member) && x.grantor === 10));
      const group = s.roles.find((r) => r.oid === m?.roleid);
      const member = s.roles.find((r) => r.oid === m?.member);
      if (group === undefined || member === undefined) return null;
      const optionOnly = chance(rand, 0.3) ? (s.serverMajor >= 16 ? pick(rand, ['admin', 'inherit', 'set'] as const) : 'admin') : undefined;
      return { kind: 'removeMember', group: group.name, member: member.name, ...(optionOnly === undefined ? {} : { optionOnly }) };
    }
    case 'table': {
      const rel = pick(rand, relations);
      if (rel === undefined) return null;
      const objectKind = rel.kind === 'S' ? 'sequence' : 'table';
      const privileges = chance(rand, 0.2) ? 'ALL' : subset<Privilege>(rand, privilegesFor(objectKind, s.serverMajor));
      const to = grantee();
      const target = { database, schema: schemaName.get(rel.schemaOid) ?? '', table: rel.name, objectKind, privileges, grantee: to } as const;
      return chance(rand, 0.55)
        ? { kind: 'grantTable', ...target, withGrantOption: to.kind === 'role' && chance(rand, 0.25) }
        : { kind: 'revokeTable', ...target, grantOptionFor: chance(rand, 0.2) };
    }
    case 'schemaWide': {
      const n = pick(rand, userSchemas);
      if (n === undefined) return null;
      const objectKind = chance(rand, 0.7) ? 'tables' : 'sequences';
      const privileges = subset<Privilege>(rand, privilegesFor(objectKind === 'tables' ? 'table' : 'sequence', s.serverMajor));
      const target = { database, schema: n.name, objectKind, privileges, grantee: grantee() } as const;
      return chance(rand, 0.6) ? { kind: 'grantAllTablesInSchema', ...target } : { kind: 'revokeAllTablesInSchema', ...target };
    }
    case 'schema': {
      const n = pick(rand, userSchemas);
      if (n === undefined) return null;
      const target = { database, schema: n.name, privileges: subset<Privilege>(rand, ['USAGE', 'CREATE']), grantee: grantee() };
      return chance(rand, 0.6) ? { kind: 'grantSchema', ...target } : { kind: 'revokeSchema', ...target };
    }
    case 'defaults': {
      const forRole = pick(rand, ordinary);
      const n = chance(rand, 0.6) ? pick(rand, userSchemas) : undefined;
      if (forRole === undefined) return null;
      return {
        kind: 'alterDefaultPrivileges',
        database,
        forRole: forRole.name,
        ...(n === undefined ? {} : { inSchema: n.name }),
        objtype: 'tables',
        action: chance(rand, 0.7) ? 'grant' : 'revoke',
        privileges: subset<Privilege>(rand, ['SELECT', 'INSERT', 'UPDATE']),
        grantee: grantee(),
      };
    }
    case 'createSchema': {
      const owner = chance(rand, 0.5) ? pick(rand, ordinary) : undefined;
      return { kind: 'createSchema', database, name: ctx.freshName('schema'), ...(owner === undefined ? {} : { owner: owner.name }) };
    }
    case 'database': {
      const target = { database, privileges: subset<Privilege>(rand, ['CONNECT', 'TEMPORARY', 'CREATE']), grantee: grantee() };
      return chance(rand, 0.5) ? { kind: 'grantDatabase', ...target } : { kind: 'revokeDatabase', ...target };
    }
    default:
      return null;
  }
}

/**
 * `count` changes a DBA could stage on `base`, in order; sometimes ending with dropping a
 * role an earlier round created (REASSIGN OWNED, DROP OWNED, DROP ROLE).
 */
export function randomChanges(rand: Rand, base: CatalogSnapshot, count: number, ctx: RandomChangeContext): ChangeInput[] {
  const out: ChangeInput[] = [];
  let projected = base;
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const change = oneChange(rand, projected, ctx);
    if (change === null) continue;
    const next = projectSnapshot(base, [...out, change], { currentUser: ctx.currentUser });
    if (next.problems.length > 0) continue;
    out.push(change);
    projected = next.snapshot;
    if (change.kind === 'createRole') ctx.created.push(change.name);
  }
  const doomed = pick(rand, ctx.created.filter((n) => projected.roles.some((r) => r.name === n) && !out.some((c) => JSON.stringify(c).includes(JSON.stringify(n)))));
  if (doomed !== undefined && chance(rand, 0.7)) {
    out.push(
      { kind: 'reassignOwned', database: ctx.database, roles: [doomed], newOwner: ctx.currentUser },
      { kind: 'dropOwned', database: ctx.database, roles: [doomed] },
      { kind: 'dropRole', name: doomed },
    );
    ctx.created.splice(ctx.created.indexOf(doomed), 1);
  }
  return out;
}
