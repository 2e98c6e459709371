import { seededRandom } from '../src/shared/random';
import { quoteIdent } from '../src/shared/sql/quote';

/** One benchmark catalog's shape. */
export interface CatalogSize {
  name: 'S' | 'M' | 'L';
  /** Login and group roles created (the bootstrap superuser makes one more). */
  roles: number;
  tables: number;
  schemas: number;
}

/** S 21 roles × 200 tables, M 201 × 5,000, L 1,001 × 20,000 (with the superuser). */
export const sizes: Record<CatalogSize['name'], CatalogSize> = {
  S: { name: 'S', roles: 20, tables: 200, schemas: 4 },
  M: { name: 'M', roles: 200, tables: 5_000, schemas: 20 },
  L: { name: 'L', roles: 1_000, tables: 20_000, schemas: 50 },
};

/** Bumped when the generator changes, so cached catalogs are rebuilt. */
export const generatorVersion = 1;

/**
 * The SQL that builds a catalog, in batches (each its own transaction): schema groups,
 * nested groups up to depth 3, users in one or two groups (some NOINHERIT), tables across
 * schemas, direct grants on a fifth of them, PUBLIC grants, column grants, schema-wide
 * grants in a quarter of the schemas, and NULL ACLs everywhere else. Deterministic.
 */
export function catalogBatches(size: CatalogSize): string[] {
  const rand = seededRandom(4242 + size.tables);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const schemas = Array.from({ length: size.schemas }, (_, i) => `s_${String(i).padStart(2, '0')}`);
  const groups = schemas.map((s) => `g_${s}`);
  const nested: string[] = [];
  const roleSql: string[] = [];
  for (const g of groups) roleSql.push(`CREATE ROLE ${g} NOLOGIN`);
  // why: chains g → n1 → n2 → n3 give inheritance paths of depth 3.
  const chains = Math.max(1, Math.floor(size.roles / 20));
  for (let c = 0; c < chains; c++) {
    let parent = pick(groups);
    for (let d = 1; d <= 3; d++) {
      const name = `n${d}_${c}`;
      roleSql.push(`CREATE ROLE ${name} NOLOGIN`, `GRANT ${parent} TO ${name}`);
      nested.push(name);
      parent = name;
    }
  }
  const groupLike = [...groups, ...nested];
  const userCount = size.roles - groupLike.length;
  const users: string[] = [];
  for (let u = 0; u < userCount; u++) {
    const name = `u_${String(u).padStart(4, '0')}`;
    users.push(name);
    roleSql.push(`CREATE ROLE ${name} LOGIN${u % 17 === 0 ? ' NOINHERIT' : ''}`, `GRANT ${pick(groupLike)} TO ${name}`);
    if (rand() < 0.3) roleSql.push(`GRANT ${pick(groupLike)} TO ${name}`);
  }
  roleSql.push(`GRANT pg_read_all_data TO ${users[0] ?? groups[0] ?? 'postgres'}`);
  const batches: string[] = [roleSql.join(';\n')];
  batches.push(
    schemas
      .flatMap((s, i) => [
        `CREATE SCHEMA ${s}`,
        `GRANT USAGE ON SCHEMA ${s} TO g_${s}`,
        ...(i % 4 === 0 ? [`ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT ON TABLES TO g_${s}`] : []),
      ])
      .join(';\n'),
  );
  const grantees = [...groupLike, ...users];
  let batch: string[] = [];
  for (let t = 0; t < size.tables; t++) {
    const schema = schemas[t % schemas.length] ?? 's_00';
    const table = `${quoteIdent(schema)}.t_${String(t).padStart(5, '0')}`;
    batch.push(`CREATE TABLE ${table} (id int PRIMARY KEY, a text, b text)`);
    if (t % 5 === 0) batch.push(`GRANT ${pick(['SELECT', 'SELECT, INSERT', 'SELECT, INSERT, UPDATE, DELETE', 'UPDATE'])} ON ${table} TO ${pick(grantees)}${rand() < 0.1 ? ' WITH GRANT OPTION' : ''}`);
    if (t % 50 === 7) batch.push(`GRANT SELECT ON ${table} TO PUBLIC`);
    if (t % 100 === 3) batch.push(`GRANT SELECT (a), UPDATE (b) ON ${table} TO ${pick(grantees)}`);
    if (batch.length >= 600) {
      batches.push(batch.join(';\n'));
      batch = [];
    }
  }
  if (batch.length > 0) batches.push(batch.join(';\n'));
  return batches;
}
