import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { scramSha256Verifier } from '../../src/main/backend/scram';
import type { Output } from '../../src/shared/api/contract';
import { quoteIdent as qi, quoteLiteral as ql } from '../../src/shared/sql/quote';
import { diffDumps, dumpCatalog } from '../support/catalogDump';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: why-not answers are checked against the server (docs/testing.md): on a generated
// catalog, denied cells of every blocker kind (no USAGE, no CONNECT, no ACL entry, a
// membership that inherits nothing); every offered fix, run by the test in its own
// transaction, must flip has_table_privilege (with USAGE and CONNECT), and the proofs must
// leave the catalog exactly as it was.

/** Roles per blocker kind, each denied SELECT on every table: `perKind × tables` cells per kind. */
const perKind = Number(process.env.WARDEN_WHYNOT_ROLES ?? 25);
const tables = Number(process.env.WARDEN_WHYNOT_TABLES ?? 40);
const kinds = ['usage', 'connect', 'acl', 'membership'] as const;

describe.each(testMajors())('why not, proven, on PostgreSQL %s', (major) => {
  let server: TestServer;
  let backend: Backend;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let connectionId = '';
  let db = '';
  let dbClient: pg.Client;
  const pw = ql(scramSha256Verifier('unused'));
  const role = (kind: string, i: number) => `${kind} "blocked" ${i}`;

  beforeAll(async () => {
    server = await startTestServer(major);
    db = server.unique('why not');
    const admin = await server.connect();
    try {
      await admin.query(`CREATE DATABASE ${qi(db)}`);
      await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${qi(db)} FROM PUBLIC`);
      await admin.query('CREATE ROLE "grp readers" NOLOGIN');
      await admin.query('CREATE ROLE "grp inherited" NOLOGIN');
      for (const kind of kinds) {
        for (let i = 0; i < perKind; i++) {
          const r = qi(role(kind, i));
          await admin.query(`CREATE ROLE ${r} LOGIN PASSWORD ${pw}${kind === 'membership' && server.major < 16 ? ' NOINHERIT' : ''}`);
          if (kind !== 'connect') await admin.query(`GRANT CONNECT ON DATABASE ${qi(db)} TO ${r}`);
          if (kind === 'membership') await admin.query(`GRANT "grp inherited" TO ${r}${server.major >= 16 ? ' WITH INHERIT FALSE' : ''}`);
        }
      }
      await admin.query(`GRANT CONNECT ON DATABASE ${qi(db)} TO "grp readers", "grp inherited"`);
    } finally {
      await admin.end();
    }
    dbClient = await server.connect(db);
    await dbClient.query('CREATE SCHEMA "App.Data"');
    await dbClient.query('GRANT USAGE ON SCHEMA "App.Data" TO "grp readers", "grp inherited"');
    for (let t = 0; t < tables; t++) {
      const table = `"App.Data"."T ${t}"`;
      await dbClient.query(`CREATE TABLE ${table} (id int)`);
      await dbClient.query(`GRANT SELECT ON ${table} TO "grp readers", "grp inherited"`);
      for (let i = 0; i < perKind; i++) {
        await dbClient.query(`GRANT SELECT ON ${table} TO ${qi(role('usage', i))}, ${qi(role('connect', i))}`);
        await dbClient.query(`GRANT USAGE ON SCHEMA "App.Data" TO ${qi(role('connect', i))}, ${qi(role('acl', i))}`);
      }
    }
    dir = await makeTempDir('whynot');
    backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
    const r = await backend.dispatch('connections.add', { ...server.params, database: 'postgres', sslmode: 'disable', save: false });
    if (!r.ok) throw new Error(r.error.message);
    connectionId = (r.value as { id: string }).id;
  });

  afterAll(async () => {
    await dbClient.end();
    await backend.close();
    await server.stop();
    await dir.remove();
  });

  async function ask(r: string, table: string): Promise<Output<'access.whyNot'>> {
    const res = await backend.dispatch('access.whyNot', { connectionId, database: db, role: r, schema: 'App.Data', table, privilege: 'SELECT' });
    if (!res.ok) throw new Error(res.error.message);
    return res.value as Output<'access.whyNot'>;
  }

  /** Runs a fix's SQL in the test's own transaction and reads the three checks there. */
  async function flips(r: string, table: string, sql: string): Promise<boolean> {
    await dbClient.query('BEGIN');
    try {
      await dbClient.query(sql);
      const row = (
        await dbClient.query<{ ok: boolean }>(
          `SELECT has_table_privilege($1, format('%I.%I', 'App.Data', $2::text), 'SELECT') AND has_schema_privilege($1, 'App.Data', 'USAGE')
                  AND has_database_privilege($1, current_database(), 'CONNECT') AS ok`,
          [r, table],
        )
      ).rows[0];
      return row?.ok === true;
    } finally {
      await dbClient.query('ROLLBACK');
    }
  }

  it.each(kinds)('every denied cell blocked by %s: the layer is named, and every offered fix is proven and flips the answer', async (kind) => {
    const before = await dumpCatalog((d) => server.connect(d));
    const expectedLayer = kind === 'membership' ? 'membership' : kind;
    let cells = 0;
    for (let i = 0; i < perKind; i++) {
      for (let t = 0; t < tables; t++) {
        const r = role(kind, i);
        const answer = await ask(r, `T ${t}`);
        expect(answer.granted).toBe(false);
        expect(answer.missing.map((m) => m.layer)).toContain(expectedLayer);
        expect(answer.fixes.length).toBeGreaterThan(0);
        for (const fix of answer.fixes) {
          expect(fix.proven, `${fix.label}: ${fix.note ?? ''}`).toBe(true);
          expect(await flips(r, `T ${t}`, fix.sql), `${r} / T ${t}: ${fix.label}\n${fix.sql}`).toBe(true);
        }
        if (kind === 'membership') expect(answer.fixes.map((f) => f.label)).toContain(`Let ${r} inherit from grp inherited`);
        cells++;
      }
    }
    expect(cells).toBe(perKind * tables);
    expect(diffDumps(before, await dumpCatalog((d) => server.connect(d)))).toEqual([]);
  });

  it('a granted cell: granted, with where it comes from, and no fixes', async () => {
    const answer = await ask('grp readers', 'T 0');
    expect(answer).toMatchObject({ granted: true, fixes: [] });
    expect(answer.reasons.map((r) => r.source)).toEqual(['direct']);
  });

  it('a fix the connected role may not make is shown as not proven, never as proven', async () => {
    const weak = server.unique('weak admin');
    const admin = await server.connect();
    try {
      await admin.query(`CREATE ROLE ${qi(weak)} LOGIN PASSWORD ${ql('weak-pass-1')}`);
      await admin.query(`GRANT CONNECT ON DATABASE ${qi(db)} TO ${qi(weak)}`);
    } finally {
      await admin.end();
    }
    const added = await backend.dispatch('connections.add', { ...server.params, user: weak, password: 'weak-pass-1', database: db, sslmode: 'disable', save: false });
    if (!added.ok) throw new Error(added.error.message);
    const res = await backend.dispatch('access.whyNot', { connectionId: (added.value as { id: string }).id, role: role('acl', 0), schema: 'App.Data', table: 'T 0', privilege: 'SELECT' });
    if (!res.ok) throw new Error(res.error.message);
    const answer = res.value as Output<'access.whyNot'>;
    expect(answer.fixes.length).toBeGreaterThan(0);
    for (const f of answer.fixes) {
      expect(f.proven).toBe(false);
      expect(f.note).toMatch(/may not make this change/);
    }
  });
});
