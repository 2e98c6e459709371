import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/main/demo/embeddedServer';
import { loadCatalog } from '../../src/main/backend/catalog/loadCatalog';
import { OutputClosedError, runCli } from '../../src/main/cli/run';
import { matrixColumns, matrixCsv, matrixJson, matrixRows, parseCsv, spreadsheetSafe } from '../../src/shared/privileges/matrixRows';
import { buildDemoScenario, type DemoScenario } from '../support/demoScenario';
import { buildHostileCatalog, type HostileCatalog } from '../support/hostileCatalog';
import { quoteIdent } from '../../src/shared/sql/quote';
import { startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let demo: DemoScenario;
let hostile: HostileCatalog;
let cleanup: (() => Promise<void>)[] = [];

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const decoder = new TextDecoder();
  const code = await runCli(
    argv,
    {
      stdout: (t) => {
        stdout += typeof t === 'string' ? t : decoder.decode(t, { stream: true });
      },
      stderr: (t) => (stderr += t),
    },
    3,
  );
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await startTestServer();
  cleanup = [() => server.stop()];
  demo = await buildDemoScenario(server);
  cleanup.unshift(() => demo.drop());
  hostile = await buildHostileCatalog(server, 7, { roles: 14, relations: 24 });
  cleanup.unshift(() => hostile.drop());
});

afterAll(async () => {
  for (const step of cleanup) await step();
});

describe('warden matrix', () => {
  it("prints the lesson scenario's rows for public.users as CSV", async () => {
    const r = await cli('matrix', '--url', server.url(demo.database), '--schema', 'public');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('role,schema,table,privileges,via');
    const all = server.major >= 17 ? 'a*r*w*d*D*x*t*m*' : 'a*r*w*d*D*x*t*';
    const expected = [
      `${demo.role('data_viewer')},public,users,${all},superuser`,
      `${demo.role('datatweets')},public,users,${all},owner`,
      `${demo.role('readonly')},public,users,r,direct`,
      `${demo.role('readwrite')},public,users,arwd,direct`,
    ];
    // why: roles are cluster-wide: the hostile catalog's roles show here too (pg_read_all_data…).
    const usersRows = parseCsv(r.stdout)
      .filter((rec) => rec[2] === 'users' && !hostile.roles.includes(rec[0] ?? ''))
      .map((rec) => rec.join(','));
    for (const row of expected) expect(usersRows).toContain(row);
    if (!server.external) {
      const predefined = [
        ...(server.major >= 17 ? ['pg_maintain,public,users,m,pg_maintain'] : []),
        'pg_read_all_data,public,users,r,pg_read_all_data',
        'pg_write_all_data,public,users,awd,pg_write_all_data',
        `postgres,public,users,${all},superuser`,
      ];
      expect(usersRows).toEqual([...expected.slice(0, 2), ...predefined, ...expected.slice(2)]);
    }
    // Sorted by role, schema, table; the schema filter keeps user_data out.
    const keys = parseCsv(r.stdout).slice(1).map((rec) => rec.slice(0, 3));
    expect(keys.every((k) => k[1] === 'public')).toBe(true);
    const byKey = (a: string[], b: string[]) => (a.join('\0') < b.join('\0') ? -1 : 1);
    expect(keys).toEqual([...keys].sort(byKey));
    expect(lines.at(-1)).toBe('');
  });

  it('filters by role and prints JSON', async () => {
    const r = await cli('matrix', '--url', server.url(demo.database), '--role', demo.role('readonly'), '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ role: demo.role('readonly'), schema: 'public', table: 'users', privileges: 'r', via: 'direct' }]);
  });

  it('quotes hostile names per RFC 4180: the CSV reads back as the JSON', async () => {
    const url = server.url(hostile.database);
    const [csv, json] = await Promise.all([cli('matrix', '--url', url), cli('matrix', '--url', url, '--format', 'json')]);
    expect([csv.code, json.code, csv.stderr, json.stderr]).toEqual([0, 0, '', '']);
    const records = parseCsv(csv.stdout);
    expect(records[0]).toEqual([...matrixColumns]);
    const fromCsv = records.slice(1).map((rec) => Object.fromEntries(matrixColumns.map((c, i) => [c, rec[i]])));
    const fromJson = JSON.parse(json.stdout) as Record<string, string>[];
    expect(fromJson.length).toBeGreaterThan(100);
    // why: CSV makes names that a spreadsheet would run as formulas text (README, "Command line").
    const safe = fromJson.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)])));
    expect(fromCsv).toEqual(safe);
    // The hostile names did need quoting, and made it through intact.
    expect(csv.stdout).toMatch(/"[^"\n]*""/);
    expect(fromJson.some((row) => row.role?.includes('"') && row.role.includes(' '))).toBe(true);
    expect(fromJson.some((row) => row.table?.includes('\n'))).toBe(true);
    expect(fromJson.some((row) => row.via?.includes(';'))).toBe(true);
  });

  it('writes a table named =HYPERLINK("http://x","y") as text a spreadsheet will not run', async () => {
    const name = '=HYPERLINK("http://x","y")';
    const admin = await server.connect(demo.database);
    try {
      await admin.query(`CREATE TABLE public."=HYPERLINK(""http://x"",""y"")" (id int)`);
      await admin.query(`GRANT SELECT ON public."=HYPERLINK(""http://x"",""y"")" TO "${demo.role('readonly')}"`);
      const csv = await cli('matrix', '--url', server.url(demo.database), '--role', demo.role('readonly'));
      expect(csv.code).toBe(0);
      expect(csv.stdout).toContain(`${demo.role('readonly')},public,"'=HYPERLINK(""http://x"",""y"")",r,direct\n`);
      expect(csv.stdout.split('\n').some((line) => /(^|,)"?[=+\-@\t\r]/.test(line))).toBe(false);
      const json = await cli('matrix', '--url', server.url(demo.database), '--role', demo.role('readonly'), '--format', 'json');
      expect((JSON.parse(json.stdout) as { table: string }[]).map((r) => r.table)).toContain(name);
    } finally {
      await admin.query(`DROP TABLE IF EXISTS public."=HYPERLINK(""http://x"",""y"")"`);
      await admin.end();
    }
  });

  it('streams the same rows as the per-cell reference, in CSV, JSON and JSON Lines', async () => {
    const url = server.url(hostile.database);
    const client = await server.connect(hostile.database);
    const snapshot = await loadCatalog(client).finally(() => client.end());
    const rows = matrixRows(snapshot);
    const [csv, json, jsonl] = await Promise.all([cli('matrix', '--url', url), cli('matrix', '--url', url, '--format', 'json'), cli('matrix', '--url', url, '--format', 'jsonl')]);
    expect([csv.code, json.code, jsonl.code, csv.stderr + json.stderr + jsonl.stderr]).toEqual([0, 0, 0, '']);
    expect(rows.length).toBeGreaterThan(100);
    expect(csv.stdout).toBe(matrixCsv(rows));
    expect(json.stdout).toBe(matrixJson(rows));
    const lines = jsonl.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(json.stdout));
  });

  it('stops quietly, with status 0, when the reader closes the output', async () => {
    let chunks = 0;
    const r = await runCli(['matrix', '--url', server.url(hostile.database), '--format', 'jsonl'], {
      stdout: () => {
        chunks++;
        throw new OutputClosedError();
      },
      stderr: (t) => expect.fail(`nothing on stderr, got ${t}`),
    });
    expect([r, chunks]).toEqual([0, 1]);
  });

  it('--statement-timeout bounds the reading: the server cancels a query stuck behind a lock', async () => {
    // why: a session holding pg_namespace exclusively makes every catalog query wait; only the
    // statement timeout ends that wait (connecting still works: it does not read pg_namespace).
    const locker = await server.connect(demo.database);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE pg_catalog.pg_namespace IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const r = await cli('matrix', '--url', server.url(demo.database), '--statement-timeout', '300');
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toBe('warden: The server cancelled reading the catalog after --statement-timeout 300 ms. Give it more time (or leave the option out to wait as long as it takes).\n');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = await cli('matrix', '--url', server.url(demo.database), '--statement-timeout', '60000', '--role', demo.role('readonly'));
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(after.stdout).toContain(`${demo.role('readonly')},public,users,r,direct`);
  });

  it('a bad URL: one line on stderr, exit 2', async () => {
    for (const url of ['postgres://user@host:99999/db', 'mysql://user@host/db', 'postgres://user@host:0/db', 'postgres://u@h/db?sslmode=allow']) {
      const r = await cli('matrix', '--url', url);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(/^warden: [^\n]+\n$/);
    }
  });

  it('a refused port: one line on stderr, exit 2', async () => {
    const port = await freePort();
    const r = await cli('matrix', '--url', `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`warden: Nothing is listening at 127.0.0.1:${port}. Is the server running, and is the port right?\n`);
  });

  it('a missing database: one line on stderr, exit 2', async () => {
    const missing = server.unique('no such db');
    const r = await cli('matrix', '--url', server.url(missing));
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`warden: The server has no database called "${missing}".\n`);
  });

  it('usage errors and unknown names: one line on stderr, exit 2', async () => {
    for (const argv of [['matrix'], ['matrix', '--url'], ['export'], ['matrix', '--url', 'postgres://x', '--colour', 'red'], ['matrix', '--url', 'postgres://x', '--statement-timeout', '0'], ['matrix', '--url', 'postgres://x', '--format', 'xml']]) {
      const r = await cli(...argv);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const r = await cli('matrix', '--url', server.url(demo.database), '--schema', 'nope');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `warden: The database "${demo.database}" has no schema called "nope".\n` });
  });
});

describe('warden findings', () => {
  interface Row {
    rule: string;
    severity: string;
    message: string;
    objects: { kind: string; database: string | null; schema: string | null; name: string }[];
    fix: string;
  }

  it("prints the lesson's traps as JSON, each with the SQL of its fix, and exits 3", async () => {
    const r = await cli('findings', '--url', server.url(demo.database), '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const rows = JSON.parse(r.stdout) as Row[];
    for (const row of rows) expect(Object.keys(row)).toEqual(['rule', 'severity', 'message', 'objects', 'fix']);
    const viewer = rows.find((x) => x.rule === 'superuser-meaningless-grants' && x.objects.some((o) => o.name === demo.role('data_viewer')));
    expect(viewer).toMatchObject({ severity: 'high', objects: [{ kind: 'role', database: null, schema: null, name: demo.role('data_viewer') }] });
    expect(viewer?.fix).toBe(`ALTER ROLE ${quoteIdent(demo.role('data_viewer'))} NOSUPERUSER;`);
    const nopass = rows.find((x) => x.rule === 'login-without-password' && x.objects.some((o) => o.name === demo.role('datatweets')));
    expect(nopass?.fix).toBe(`ALTER ROLE ${quoteIdent(demo.role('datatweets'))} NOLOGIN;`);
    expect(rows.find((x) => x.rule === 'public-connect')?.objects).toEqual([{ kind: 'database', database: null, schema: null, name: demo.database }]);
  });

  it('text and SARIF carry the same findings; --fail-on decides the exit status', async () => {
    const json = JSON.parse((await cli('findings', '--url', server.url(demo.database), '--format', 'json')).stdout) as Row[];
    const text = await cli('findings', '--url', server.url(demo.database));
    expect(text.stdout).toContain(`HIGH  superuser-meaningless-grants: ${demo.role('data_viewer')} is a superuser`);
    expect(text.stdout.match(/^(HIGH|MEDIUM|LOW) {2}/gm)).toHaveLength(json.length);
    const sarif = JSON.parse((await cli('findings', '--url', server.url(demo.database), '--format', 'sarif')).stdout) as {
      version: string;
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const levels = { high: 'error', medium: 'warning', low: 'note' } as Record<string, string>;
    expect(sarif.runs[0]?.results.map((x) => `${x.ruleId} ${x.level}`)).toEqual(json.map((x) => `${x.rule} ${levels[x.severity] ?? ''}`));
    for (const failOn of ['high', 'medium', 'low'] as const) {
      const worst = { high: ['high'], medium: ['high', 'medium'], low: ['high', 'medium', 'low'] }[failOn];
      const expected = json.some((x) => worst.includes(x.severity)) ? 3 : 0;
      expect((await cli('findings', '--url', server.url(demo.database), '--fail-on', failOn, '--format', 'json')).code, failOn).toBe(expected);
    }
  });

  it('exits 0 on a fresh cluster with --fail-on high (its only finding is PUBLIC CONNECT, medium)', async () => {
    const fresh = await startTestServer();
    try {
      const r = await cli('findings', '--url', fresh.url(), '--fail-on', 'high', '--format', 'json');
      expect(r.stderr).toBe('');
      if (!fresh.external) {
        expect((JSON.parse(r.stdout) as Row[]).map((x) => x.rule)).toEqual(['public-connect']);
        expect(r.code).toBe(0);
        expect((await cli('findings', '--url', fresh.url(), '--fail-on', 'medium')).code).toBe(3);
      }
    } finally {
      await fresh.stop();
    }
  });

  it('bad arguments and no connection: exit 2', async () => {
    expect((await cli('findings', '--url', server.url(demo.database), '--fail-on', 'critical')).code).toBe(2);
    expect((await cli('findings', '--url', server.url(demo.database), '--format', 'csv')).code).toBe(2);
    const port = await freePort();
    const r = await cli('findings', '--url', `postgres://nobody@127.0.0.1:${port}/x?sslmode=disable`);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('warden why', () => {
  interface WhyJson {
    granted: boolean;
    reasons: { source: string }[];
    missing: { layer: string }[];
    fixes: { label: string; sql: string; proven: boolean }[];
  }

  it('says why readonly may not INSERT into users, with proven fixes, and changes nothing', async () => {
    const ro = demo.role('readonly');
    const r = await cli('why', '--url', server.url(demo.database), '--role', ro, '--table', 'public.users', '--privilege', 'insert', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as WhyJson;
    expect(answer.granted).toBe(false);
    expect(answer.missing.map((m) => m.layer)).toContain('acl');
    expect(answer.fixes[0]).toMatchObject({ proven: true, sql: `GRANT INSERT ON TABLE public.users TO ${quoteIdent(ro)};` });
    const again = JSON.parse((await cli('why', '--url', server.url(demo.database), '--role', ro, '--table', 'public.users', '--privilege', 'INSERT', '--format', 'json')).stdout) as WhyJson;
    expect(again.granted).toBe(false);
    const text = await cli('why', '--url', server.url(demo.database), '--role', demo.role('readwrite'), '--table', 'public.users', '--privilege', 'SELECT');
    expect(text.stdout).toMatch(/ has SELECT on public\.users /);
  });

  it('bad arguments: exit 2', async () => {
    expect((await cli('why', '--url', server.url(demo.database), '--role', 'x', '--table', 'nodot', '--privilege', 'SELECT')).code).toBe(2);
    expect((await cli('why', '--url', server.url(demo.database), '--role', 'x', '--privilege', 'SELECT')).code).toBe(2);
  });
});
