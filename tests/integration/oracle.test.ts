import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { buildDemoScenario, type DemoScenario } from '../support/demoScenario';
import { buildHostileCatalog, type HostileCatalog } from '../support/hostileCatalog';
import { compareWithServer } from '../support/oracleCompare';
import { skippedMajors, startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: docs/privileges.md §1: for every cell, Warden's answer must equal the server's own
// has_*_privilege. Runs once per selected major (WARDEN_TEST_PG_MAJORS, docs/testing.md).

/** Fixed seed: a failure reproduces with the same catalog. */
const seed = 20_251_125;

async function check(server: TestServer, database: string) {
  const client = await server.connect(database);
  try {
    const snapshot = await loadCatalog(client, { columns: true });
    const result = await compareWithServer(client, snapshot);
    // why: the loader orders relations itself (docs/performance.md); it must match the server's ORDER BY.
    const ordered = await client.query<{ oid: number }>(
      `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r','v','m','S','f','p') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
       ORDER BY n.nspname, c.relname`,
    );
    const inOrder = snapshot.relations.map((r) => r.oid).join(',') === ordered.rows.map((r) => r.oid).join(',');
    // The app reads the relations through a second connection in the same snapshot.
    const second = await server.connect(database);
    const parallel = await loadCatalog(client, { columns: true, relationsClient: second }).finally(() => second.end());
    return { ...result, inOrder, parallel, snapshot, roles: snapshot.roles.length, relations: snapshot.relations.length };
  } finally {
    await client.end();
  }
}

describe.each(testMajors().map((m) => ({ major: m, label: m === undefined ? 'WARDEN_TEST_PG_URL' : `PostgreSQL ${m}` })))(
  'server oracle on $label',
  ({ major }) => {
    let server: TestServer | undefined;
    let demo: DemoScenario | undefined;
    let hostile: HostileCatalog | undefined;
    const ready = () => {
      if (!server || !demo || !hostile) throw new Error('The server or its catalogs were not built; see the hook error.');
      return { server, demo, hostile };
    };

    beforeAll(async () => {
      server = await startTestServer(major);
      // why: one after the other, so a failure leaves only what was built to drop.
      demo = await buildDemoScenario(server);
      hostile = await buildHostileCatalog(server, seed);
    });

    afterAll(async () => {
      await demo?.drop();
      await hostile?.drop();
      await server?.stop();
    });

    it('the lesson scenario: every cell equals has_table_privilege', async () => {
      const { server: s, demo: d } = ready();
      const r = await check(s, d.database);
      expect(r.relations).toBeGreaterThanOrEqual(5);
      expect(r.inOrder).toBe(true);
      expect(r.checked).toBeGreaterThan(1000);
      expect(r.mismatches.slice(0, 25), `${r.mismatches.length} mismatches`).toEqual([]);
    });

    it('a generated hostile catalog: every relation, column, schema and database cell', async () => {
      const { server: s, hostile: h } = ready();
      const r = await check(s, h.database);
      expect(r.relations).toBeGreaterThanOrEqual(60);
      expect(r.inOrder).toBe(true);
      expect(r.parallel).toEqual(r.snapshot);
      expect(r.roles).toBeGreaterThanOrEqual(25);
      expect(r.checked).toBeGreaterThan(20_000);
      expect(r.mismatches.slice(0, 25), `${r.mismatches.length} mismatches`).toEqual([]);
    });
  },
);

// why: a default major that cannot run here is reported as skipped, with the reason.
for (const { major, reason } of skippedMajors()) {
  describe(`server oracle on PostgreSQL ${major}`, () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
}
