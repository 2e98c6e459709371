import { seededRandom } from '../src/shared/random';

// The dense benchmark catalog: shaped like production rather than like a demo. Where the
// sparse catalogs (catalogs.ts) have one grant on a fifth of the tables, here:
// - every schema has a read group and a write group, granted on its tables schema-wide;
// - departments hold some schema groups, teams belong to a department, users to teams:
//   user → team → department → schema group, three levels of groups;
// - a fifth of the tables get 1–3 direct grants, a quarter of them WITH GRANT OPTION, and
//   half of those are passed on by their grantee (re-grants by non-owners);
// - 5% are granted to PUBLIC, 1% have column grants;
// - tables are owned by many roles; a third keep a NULL ACL (never granted);
// - a tenth of the users hold a team WITH INHERIT FALSE (PostgreSQL 16+);
// - every schema's USAGE is granted to PUBLIC (so that grantees can pass grants on).
// The SQL is generated in large batches (one round trip each) and is the same every run.

/** One dense catalog's shape. */
export interface DenseSize {
  name: 'L' | 'XL';
  /** Roles created (the bootstrap superuser makes one more). */
  roles: number;
  tables: number;
  schemas: number;
}

/** L 1,000 roles × 20,000 tables, XL 10,000 × 100,000 (the first schema holds a fifth of the tables). */
export const denseSizes: Record<DenseSize['name'], DenseSize> = {
  L: { name: 'L', roles: 1_000, tables: 20_000, schemas: 40 },
  XL: { name: 'XL', roles: 10_000, tables: 100_000, schemas: 100 },
};

/** Bumped when the generator changes, so cached catalogs are rebuilt. */
export const denseGeneratorVersion = 1;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Tables per schema: the first schema holds a fifth of them (a big schema for the tree), the rest share evenly. */
function schemaTableCounts(size: Omit<DenseSize, 'name'>): number[] {
  const first = Math.round(size.tables / 5);
  const rest = size.tables - first;
  const others = size.schemas - 1;
  return [first, ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0))];
}

/**
 * The SQL that builds a dense catalog, in batches: each is one multi-statement string to
 * run in its own transaction (at most a few hundred tables, well inside the lock table).
 * `prefix` starts every role and schema name (tests share a server with other catalogs);
 * before PostgreSQL 16 the INHERIT FALSE memberships become NOINHERIT users.
 */
export function denseCatalogBatches(size: Omit<DenseSize, 'name'>, prefix = '', serverMajor = 18): string[] {
  const rand = seededRandom(9090 + size.tables);
  const P = prefix;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const schemas = Array.from({ length: size.schemas }, (_, i) => `${P}s_${pad(i, 3)}`);
  const readers = schemas.map((s) => `r_${s}`);
  const writers = schemas.map((s) => `w_${s}`);
  const depts = Array.from({ length: Math.max(2, Math.floor(size.roles / 100)) }, (_, i) => `${P}d_${pad(i, 3)}`);
  const teams = Array.from({ length: Math.max(4, Math.floor(size.roles / 25)) }, (_, i) => `${P}team_${pad(i, 4)}`);
  const owners = Array.from({ length: Math.max(4, Math.floor(size.roles / 20)) }, (_, i) => `${P}o_${pad(i, 4)}`);
  const fixed = readers.length + writers.length + depts.length + teams.length + owners.length + 1;
  const users = Array.from({ length: Math.max(2, size.roles - fixed) }, (_, i) => `${P}u_${pad(i, 5)}`);

  const roleSql: string[] = [`CREATE ROLE ${P}creators NOLOGIN`];
  for (const g of [...readers, ...writers, ...depts, ...teams]) roleSql.push(`CREATE ROLE ${g} NOLOGIN`);
  for (const d of depts) {
    const held = new Set<string>();
    const n = 2 + Math.floor(rand() * 3);
    while (held.size < n) held.add(rand() < 0.7 ? pick(readers) : pick(writers));
    for (const g of held) roleSql.push(`GRANT ${g} TO ${d}`);
  }
  for (const t of teams) roleSql.push(`GRANT ${pick(depts)} TO ${t}`);
  for (const o of owners) roleSql.push(`CREATE ROLE ${o} LOGIN`, `GRANT ${P}creators TO ${o}`);
  users.forEach((u, i) => {
    const noInherit = i % 10 === 3;
    roleSql.push(`CREATE ROLE ${u} LOGIN${noInherit && serverMajor < 16 ? ' NOINHERIT' : ''}`);
    const first = pick(teams);
    // why: from 16 each membership has its own INHERIT option; these users must SET ROLE to use the team.
    roleSql.push(`GRANT ${first} TO ${u}${noInherit && serverMajor >= 16 ? ' WITH INHERIT FALSE' : ''}`);
    const second = pick(teams);
    if (rand() < 0.3 && second !== first) roleSql.push(`GRANT ${second} TO ${u}`);
    if (rand() < 0.2) roleSql.push(`GRANT ${pick(readers)} TO ${u}`);
  });
  roleSql.push(`GRANT pg_read_all_data TO ${users[0]}`, `GRANT pg_write_all_data TO ${users[1]}`);

  const batches: string[] = [roleSql.join(';\n')];
  batches.push(schemas.map((s, i) => `CREATE SCHEMA ${s}; GRANT USAGE, CREATE ON SCHEMA ${s} TO ${P}creators; GRANT USAGE ON SCHEMA ${s} TO ${readers[i]}, ${writers[i]}, PUBLIC`).join(';\n'));

  const grantees = [...users, ...teams];
  const privilegeSets = ['SELECT', 'SELECT, INSERT', 'SELECT, INSERT, UPDATE, DELETE', 'SELECT, UPDATE', 'SELECT, REFERENCES, TRIGGER', 'ALL'];
  const counts = schemaTableCounts(size);
  let t = 0;
  counts.forEach((count, si) => {
    const schema = schemas[si] ?? 's_000';
    for (let start = 0; start < count; start += 400) {
      const chunk: { name: string; owner: string; view: boolean; nullAcl: boolean }[] = [];
      for (let k = start; k < Math.min(count, start + 400); k++, t++) {
        chunk.push({ name: `${schema}.t_${pad(t, 6)}`, owner: pick(owners), view: t % 50 === 17, nullAcl: rand() < 1 / 3 });
      }
      const sql: string[] = [];
      // why: created as their owner (SET ROLE), so grants name the owner as grantor as in real life.
      for (const rel of [...chunk].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0))) {
        sql.push(`SET ROLE ${rel.owner}`, rel.view ? `CREATE VIEW ${rel.name} AS SELECT 1 AS id, 'a'::text AS a, 'b'::text AS b` : `CREATE TABLE ${rel.name} (id int PRIMARY KEY, a text, b text)`);
      }
      sql.push('RESET ROLE');
      const granted = chunk.filter((r) => !r.nullAcl).map((r) => r.name);
      if (granted.length > 0) {
        sql.push(`GRANT SELECT ON ${granted.join(', ')} TO ${readers[si]}`, `GRANT SELECT, INSERT, UPDATE, DELETE ON ${granted.join(', ')} TO ${writers[si]}`);
      }
      for (const rel of chunk) {
        if (!rel.nullAcl && rand() < 0.3) {
          const n = 1 + Math.floor(rand() * 3);
          for (let g = 0; g < n; g++) {
            const grantee = pick(grantees);
            const withOption = rand() < 0.25;
            sql.push(`GRANT ${pick(privilegeSets)} ON ${rel.name} TO ${grantee}${withOption ? ' WITH GRANT OPTION' : ''}`);
            if (withOption && rand() < 0.5) {
              // why: a grant chain: the grantee passes SELECT on (grantor = a non-owner).
              sql.push(`SET ROLE ${grantee}`, `GRANT SELECT ON ${rel.name} TO ${pick(users)}`, 'RESET ROLE');
            }
          }
        }
        if (!rel.nullAcl && rand() < 0.075) sql.push(`GRANT SELECT ON ${rel.name} TO PUBLIC`);
        if (!rel.view && rand() < 0.01) sql.push(`GRANT SELECT (a), UPDATE (b) ON ${rel.name} TO ${pick(users)}`);
      }
      batches.push(sql.join(';\n'));
    }
  });
  return batches;
}
