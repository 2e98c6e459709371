import type { CatalogSnapshot, SnapshotRelation, SnapshotRole } from '../src/shared/catalog/snapshot';
import { seededRandom } from '../src/shared/random';

/**
 * A production-shaped snapshot built in memory (no server): 1,000 roles × 20,000 tables with
 * schema-wide grants to groups on every table, several direct grants per table, grant chains
 * (WITH GRANT OPTION passed on), PUBLIC grants, NOINHERIT members and default privileges.
 * Thousands of distinct ACLs, unlike the benchmark cluster's one-grant-per-fifth shape.
 */
export function productionSnapshot(roleCount = 1_000, tableCount = 20_000, schemaCount = 50): CatalogSnapshot {
  const rand = seededRandom(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  let oid = 16384;
  const role = (name: string, login: boolean, extra: Partial<SnapshotRole> = {}): SnapshotRole => ({
    oid: oid++, name, superuser: false, inherit: true, canLogin: login, createRole: false, createDb: false, replication: false,
    bypassRls: false, connectionLimit: -1, validUntil: null, hasPassword: login ? rand() > 0.02 : false, ...extra,
  });
  const postgres: SnapshotRole = { ...role('postgres', true, { superuser: true, hasPassword: true }), oid: 10 };
  const predefined = [
    { ...role('pg_database_owner', false), oid: 6171 },
    { ...role('pg_read_all_data', false), oid: 6181 },
    { ...role('pg_write_all_data', false), oid: 6182 },
    { ...role('pg_read_server_files', false), oid: 4569 },
  ];
  const schemas = Array.from({ length: schemaCount }, (_, i) => ({ oid: oid++, name: `s_${i}`, owner: 10, nspacl: '' }));
  const owners = schemas.map((s) => role(`owner_${s.name}`, true));
  const readers = schemas.map((s) => role(`r_${s.name}`, false));
  const writers = schemas.map((s) => role(`w_${s.name}`, false));
  const groups = [...readers, ...writers];
  const users = Array.from({ length: roleCount - 1 - owners.length - groups.length }, (_, i) => role(`u_${i}`, true, { inherit: i % 23 !== 0, createRole: i % 97 === 0 }));
  const memberships = users.flatMap((u) => {
    const a = pick(groups);
    const b = pick(groups);
    return [a, b].map((g) => ({ roleid: g.oid, member: u.oid, grantor: 10, adminOption: false, inheritOption: rand() > 0.05, setOption: true }));
  });
  schemas.forEach((s, i) => {
    const o = owners[i]?.name ?? 'postgres';
    s.nspacl = `{postgres=UC/postgres,${o}=UC/postgres,r_${s.name}=U/postgres,w_${s.name}=U/postgres${i % 10 === 0 ? ',=UC/postgres' : ''}}`;
  });
  const relations: SnapshotRelation[] = [];
  for (let t = 0; t < tableCount; t++) {
    const si = t % schemaCount;
    const s = schemas[si];
    const owner = owners[si];
    if (s === undefined || owner === undefined) continue;
    const items = [`${owner.name}=arwdDxt/${owner.name}`, `r_${s.name}=r/${owner.name}`, `w_${s.name}=arwd/${owner.name}`];
    for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) items.push(`${pick(users).name}=${pick(['r', 'rw', 'arwd', 'r*', 'rt', 'D'])}/${owner.name}`);
    if (t % 7 === 0) {
      const chained = pick(users).name;
      items.push(`${chained}=r*/${owner.name}`, `${pick(users).name}=r/${chained}`);
    }
    if (t % 40 === 0) items.push(`=r/${owner.name}`);
    relations.push({ oid: oid++, schemaOid: s.oid, name: `t_${t}`, kind: t % 25 === 0 ? 'S' : 'r', owner: owner.oid, relacl: `{${items.join(',')}}` });
  }
  const defaultAcls = schemas.map((s) => ({ role: 10, schemaOid: s.oid, objtype: 'r' as const, defaclacl: `{r_${s.name}=r/postgres}` }));
  return {
    serverMajor: 18,
    database: { oid: 5, name: 'bench', owner: 10, datacl: null },
    roles: [postgres, ...predefined, ...owners, ...groups, ...users],
    memberships,
    schemas,
    relations,
    defaultAcls,
  };
}
