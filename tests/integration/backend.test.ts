import { createServer, Socket, type Server } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { startHttpTransport, type HttpTransport, invokePath } from '../../src/main/transports/http';
import { sessionCookieName } from '../../src/main/transports/browserSession';
import { freePort } from '../../src/main/demo/embeddedServer';
import { methods, type Method } from '../../src/shared/api/contract';
import type { Envelope } from '../../src/shared/api/envelope';
import { makeTempDir } from '../support/tempDir';
import { signIn, type SignedInClient } from '../support/httpSignIn';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let backend: Backend;
let http: HttpTransport;
let port: number;
let client: SignedInClient;

function viaHttp(method: unknown, input: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Envelope<unknown> }> {
  return client.invoke(method, input, headers);
}

async function value<T>(method: Method, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function failure(method: Method, input: unknown) {
  const r = await backend.dispatch(method, input);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
}

beforeAll(async () => {
  dir = await makeTempDir('backend');
  const staticDir = join(dir.path, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Warden</title>');
  await writeFile(join(dir.path, 'secret.txt'), 'outside');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: '0.0.0-test', sealer: null, connectTimeoutSeconds: 2 });
  const ep = await backend.demo?.start();
  port = ep?.port ?? 0;
  http = await startHttpTransport({ dispatch: backend.dispatch, staticDir, port: 0 });
  client = await signIn(http.signInUrl());
});

afterAll(async () => {
  await http.close();
  await backend.close();
  await dir.remove();
});

describe('contract through both transports', () => {
  it('answers every read method the same way over HTTP as through the dispatcher', async () => {
    const inputs: Partial<Record<Method, unknown>> = {
      'app.info': {},
      'connections.list': {},
      'server.info': { connectionId: 'demo' },
      'tree.databases': { connectionId: 'demo' },
      'tree.schemas': { connectionId: 'demo', database: 'datatweets' },
      'tree.relations': { connectionId: 'demo', database: 'datatweets', schema: 'public' },
      'roles.list': { connectionId: 'demo' },
    };
    for (const [method, input] of Object.entries(inputs)) {
      const direct = await backend.dispatch(method, input);
      const remote = await viaHttp(method, input);
      expect(remote.status).toBe(200);
      expect(remote.body, method).toEqual(direct);
      expect(direct.ok, method).toBe(true);
    }
    // Every method of the contract is reachable: bad input gives invalid_input, never unknown_method.
    for (const method of methods) {
      const r = await viaHttp(method, { connectionId: 42 });
      expect(r.body.ok ? 'ok' : r.body.error.code, method).not.toBe('unknown_method');
    }
  });

  it('writes no files over HTTP: script.save is refused there, and browser mode has no saver behind it', async () => {
    const info = await value<{ scriptExport: string }>('app.info', {});
    expect(info.scriptExport).toBe('download');
    const remote = await viaHttp('script.save', { fileName: 'x.sql', script: 'SELECT 1;' });
    expect(remote.status).toBe(403);
    expect(remote.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await failure('script.save', { fileName: 'x.sql', script: 'SELECT 1;' })).toMatchObject({ code: 'forbidden' });
  });

  it('refuses unknown methods and bad input in plain words', async () => {
    const unknown = await viaHttp('sql.run', { sql: 'DROP TABLE users' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'There is no method called "sql.run".' },
    });
    const bad = await viaHttp('tree.schemas', { connectionId: 'demo' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'database' } });
    expect(bad.status).toBe(400);
    // A 900 KB database name is refused in plain words; it never reaches the server.
    const huge = await viaHttp('tree.schemas', { connectionId: 'demo', database: 'x'.repeat(900 * 1024) });
    expect(huge).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input', field: 'database', message: 'A database name is at most 63 bytes long in PostgreSQL.' } } });
  });
});

describe('HTTP transport guards', () => {
  it('needs the session cookie', async () => {
    const r = await viaHttp('app.info', {}, { cookie: `${sessionCookieName(http.port)}=wrong` });
    expect(r.status).toBe(401);
    const origin = `http://127.0.0.1:${http.port}`;
    const none = await fetch(`${origin}${invokePath}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: '{}' });
    expect(none.status).toBe(401);
  });

  it('refuses other origins and foreign Host headers (DNS rebinding)', async () => {
    expect((await viaHttp('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await viaHttp('app.info', {}, { origin: `http://127.0.0.1:${http.port}` })).status).toBe(200);
    const status = await new Promise<number>((resolve, reject) => {
      // fetch() forbids setting Host, so speak HTTP by hand.
      const sock = new Socket();
      let data = '';
      sock.connect(http.port, '127.0.0.1', () => sock.write(`GET / HTTP/1.1\r\nHost: evil.example:${http.port}\r\nConnection: close\r\n\r\n`));
      sock.on('data', (d) => (data += d.toString()));
      sock.on('end', () => resolve(Number(data.split(' ')[1])));
      sock.on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('serves the UI with a CSP and never files outside it', async () => {
    const cookie = `${client.sessionCookie.name}=${client.sessionCookie.value}`;
    const page = await fetch(`http://127.0.0.1:${http.port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Warden</title>');
    const escape = await fetch(`http://127.0.0.1:${http.port}/%2e%2e/secret.txt`, { headers: { cookie } });
    expect(escape.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${http.port}${invokePath}`)).status).toBe(405);
  });
});

describe('tree and roles on the demo server', () => {
  it('lists datatweets → public, user_data → tables, views and sequences by kind', async () => {
    const { databases } = await value<{ databases: { name: string; isTemplate: boolean }[] }>('tree.databases', { connectionId: 'demo' });
    expect(databases.filter((d) => !d.isTemplate).map((d) => d.name)).toEqual(['datatweets', 'postgres']);
    const { schemas } = await value<{ schemas: { name: string }[] }>('tree.schemas', { connectionId: 'demo', database: 'datatweets' });
    expect(schemas.map((s) => s.name)).toEqual(['public', 'user_data']);
    const { relations } = await value<{ relations: { name: string; kind: string; owner: string }[] }>('tree.relations', { connectionId: 'demo', database: 'datatweets', schema: 'public' });
    expect(relations.map((r) => `${r.name}:${r.kind}`)).toEqual([
      'accounts:table', 'accounts_id_seq:sequence', 'sales:table', 'sales_by_region:view', 'sales_id_seq:sequence', 'users:table', 'users_id_seq:sequence',
    ]);
    expect(new Set(relations.map((r) => r.owner))).toEqual(new Set(['datatweets']));
  });

  it('tells users from groups and marks the superuser trap', async () => {
    const { roles } = await value<{ roles: { name: string; kind: string; superuser: boolean; memberOf: string[] }[] }>('roles.list', { connectionId: 'demo' });
    const byName = new Map(roles.map((r) => [r.name, r]));
    expect(byName.get('data_viewer')).toMatchObject({ kind: 'user', superuser: true, memberOf: ['readonly'] });
    expect(byName.get('readonly')).toMatchObject({ kind: 'group', superuser: false });
    expect(byName.get('readwrite')).toMatchObject({ kind: 'group' });
    expect(byName.get('datatweets')).toMatchObject({ kind: 'user', superuser: false });
    expect(roles.some((r) => r.name.startsWith('pg_'))).toBe(false);
  });

  it('reports the server version', async () => {
    const info = await value<{ major: number; currentUser: string; isSuperuser: boolean }>('server.info', { connectionId: 'demo' });
    expect(info.major).toBeGreaterThanOrEqual(14);
    expect(info).toMatchObject({ currentUser: 'postgres', isSuperuser: true });
  });
});

describe('connection errors, in plain words next to the right field', () => {
  const base = () => ({ host: '127.0.0.1', port, user: 'postgres', database: 'datatweets', sslmode: 'disable' as const });
  let demoPassword = '';

  beforeAll(async () => {
    const state = JSON.parse(await readFile(join(dir.path, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string };
    demoPassword = state.superuserPassword;
  });

  it('connects with the right password and reports the version', async () => {
    const r = await value<{ serverVersion: string }>('connections.test', { ...base(), password: demoPassword });
    expect(r.serverVersion).toMatch(/^\d+\.\d+/);
  });

  it('wrong password', async () => {
    expect(await failure('connections.test', { ...base(), password: 'not-it' })).toEqual({
      code: 'connection_failed', message: 'The password for user "postgres" was not accepted.', field: 'password',
    });
  });

  it('missing database', async () => {
    expect(await failure('connections.test', { ...base(), password: demoPassword, database: 'nope' })).toMatchObject({
      message: 'The server has no database called "nope".', field: 'database',
    });
  });

  it('refused port', async () => {
    const closed = await freePort();
    expect(await failure('connections.test', { ...base(), port: closed })).toMatchObject({
      message: `Nothing is listening at 127.0.0.1:${closed}. Is the server running, and is the port right?`, field: 'port',
    });
  });

  it('unknown host', async () => {
    expect(await failure('connections.test', { ...base(), host: 'no-such-host.invalid' })).toMatchObject({
      message: 'The host "no-such-host.invalid" could not be found.', field: 'host',
    });
  });

  it('timeout', async () => {
    const silent: Server = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      expect(await failure('connections.test', { ...base(), port: silentPort })).toMatchObject({
        message: `The server at 127.0.0.1:${silentPort} did not answer within 2 seconds.`, field: 'host',
      });
    } finally {
      silent.close();
    }
  });

  it('SSL asked of a server without it, and prefer falling back', async () => {
    expect(await failure('connections.test', { ...base(), password: demoPassword, sslmode: 'require' })).toMatchObject({
      message: 'The server does not accept encrypted connections: choose sslmode "disable" or "prefer".', field: 'sslmode',
    });
    await expect(value('connections.test', { ...base(), password: demoPassword, sslmode: 'prefer' })).resolves.toMatchObject({});
  });

  it('SSL required by the server (pg_hba hostnossl reject)', async () => {
    const admin = new pg.Client({ ...base(), password: demoPassword, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query("CREATE ROLE ssl_only LOGIN PASSWORD 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$Zm9v:YmFy'");
      const hba = (await admin.query<{ hba_file: string }>('SHOW hba_file')).rows[0]?.hba_file ?? '';
      const original = await readFile(hba, 'utf8');
      await writeFile(hba, `hostnossl all ssl_only 127.0.0.1/32 reject\n${original}`);
      await admin.query('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));
      expect(await failure('connections.test', { ...base(), user: 'ssl_only', password: 'x' })).toMatchObject({
        message: 'The server only accepts encrypted connections: choose sslmode "require" or stricter.', field: 'sslmode',
      });
    } finally {
      await admin.end();
    }
  });
});

describe('saved servers', () => {
  it('browser mode remembers the server but never its password', async () => {
    const demoPassword = (JSON.parse(await readFile(join(dir.path, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string }).superuserPassword;
    const added = await value<{ id: string; saved: boolean; hasPassword: boolean }>('connections.add', {
      name: 'Local copy', host: '127.0.0.1', port, user: 'postgres', password: demoPassword, database: 'postgres', sslmode: 'disable', save: true,
    });
    expect(added).toMatchObject({ saved: true, hasPassword: true });
    const file = await readFile(join(dir.path, 'data', 'connections.json'), 'utf8');
    expect(file).toContain('Local copy');
    expect(file).not.toContain(demoPassword);
    const { databases } = await value<{ databases: unknown[] }>('tree.databases', { connectionId: added.id });
    expect(databases.length).toBeGreaterThan(1);
    await value('connections.remove', { connectionId: added.id });
    expect(await readFile(join(dir.path, 'data', 'connections.json'), 'utf8')).not.toContain('Local copy');
  });

  it('refuses to add a server that cannot be reached, and adds nothing', async () => {
    const before = await value<{ connections: unknown[] }>('connections.list', {});
    const err = await failure('connections.add', { host: '127.0.0.1', port, user: 'postgres', password: 'bad', database: 'postgres', sslmode: 'disable', save: true });
    expect(err.field).toBe('password');
    const after = await value<{ connections: unknown[] }>('connections.list', {});
    expect(after.connections.length).toBe(before.connections.length);
  });
});

describe('catalog.load', () => {
  it('reads the demo database in one snapshot: roles, memberships, ACL text, passwords known', async () => {
    const snap = await value<{
      serverMajor: number;
      database: { name: string };
      roles: { oid: number; name: string; superuser: boolean; hasPassword: boolean | null }[];
      memberships: { roleid: number; member: number }[];
      relations: { name: string; kind: string; relacl: string | null }[];
      schemas: { name: string }[];
    }>('catalog.load', { connectionId: 'demo', database: 'datatweets' });
    expect(snap.database.name).toBe('datatweets');
    const role = (name: string) => snap.roles.find((r) => r.name === name);
    expect(role('data_viewer')).toMatchObject({ superuser: true, hasPassword: true });
    expect(role('datatweets')).toMatchObject({ superuser: false, hasPassword: false });
    const viewer = role('data_viewer')?.oid;
    const readonly = role('readonly')?.oid;
    expect(snap.memberships).toContainEqual(expect.objectContaining({ roleid: readonly, member: viewer }));
    const users = snap.relations.find((r) => r.name === 'users' && r.kind === 'r');
    expect(users?.relacl).toContain('data_viewer=r/datatweets');
    expect(users?.relacl).toContain('readwrite=arwd/datatweets');
    expect(snap.schemas.map((s) => s.name)).toEqual(['public', 'user_data']);
  });

  it('loads with one connection when the role may open only one (no second connection for the relations)', async () => {
    const demoPassword = (JSON.parse(await readFile(join(dir.path, 'data', 'demo', 'state.json'), 'utf8')) as { superuserPassword: string }).superuserPassword;
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: demoPassword, database: 'datatweets' });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE "one at a time" LOGIN PASSWORD 'single-0ne' CONNECTION LIMIT 1`);
      await admin.query(`GRANT CONNECT ON DATABASE datatweets TO "one at a time"`);
      const added = await value<{ id: string }>('connections.add', {
        host: '127.0.0.1', port, user: 'one at a time', password: 'single-0ne', database: 'datatweets', sslmode: 'disable', save: false,
      });
      const viaOne = await value<{ relations: { oid: number }[]; roles: unknown[] }>('catalog.load', { connectionId: added.id, database: 'datatweets' });
      const viaTwo = await value<{ relations: { oid: number }[]; roles: unknown[] }>('catalog.load', { connectionId: 'demo', database: 'datatweets' });
      expect(viaOne.relations.map((r) => r.oid)).toEqual(viaTwo.relations.map((r) => r.oid));
      expect(viaOne.roles.length).toBe(viaTwo.roles.length);
      await value('connections.remove', { connectionId: added.id });
    } finally {
      await admin.query(`REVOKE CONNECT ON DATABASE datatweets FROM "one at a time"`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS "one at a time"`).catch(() => undefined);
      await admin.end();
    }
  });
});

describe('password.hash and changes.preview', () => {
  it('renders the lesson exercise for the live server, with a verifier in place of the password', async () => {
    const { verifier } = await value<{ verifier: string }>('password.hash', { connectionId: 'demo', password: 'r3p0rt' });
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:/);
    const role = (name: string) => ({ kind: 'role', name });
    const preview = await value<{ script: string; problems: unknown[]; statementCount: number }>('changes.preview', {
      connectionId: 'demo',
      changes: [
        { kind: 'alterRole', name: 'data_viewer', superuser: false },
        { kind: 'createRole', name: 'report_bot', login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true },
        { kind: 'revokeTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: 'ALL', grantee: role('report_bot') },
        { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'sales', privileges: ['SELECT'], grantee: role('report_bot') },
        { kind: 'createDatabase', name: 'analytics', owner: 'postgres' },
      ],
    });
    expect(preview.problems).toEqual([]);
    expect(preview.script).toContain('ALTER ROLE data_viewer NOSUPERUSER;');
    // why: by default the script holds no verifier, only how to set the password.
    expect(preview.script).toContain('CREATE ROLE report_bot LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT;\n');
    expect(preview.script).toContain('\\password report_bot');
    expect(preview.script).not.toContain('SCRAM-SHA-256');
    expect(preview.script).toContain('GRANT SELECT ON TABLE public.sales TO report_bot;');
    expect(preview.script).toContain('CREATE DATABASE analytics OWNER postgres;');
    expect(preview.script).toContain('REVOKE CONNECT, TEMPORARY ON DATABASE analytics FROM PUBLIC;');
    expect(preview.script).not.toContain('r3p0rt');
    expect(preview.statementCount).toBe(6);
  });

  it('rejects the lesson mistakes and existing names in plain words, rendering nothing', async () => {
    const preview = await value<{ script: string; problems: { index: number; field: string; message: string }[] }>('changes.preview', {
      connectionId: 'demo',
      changes: [
        { kind: 'createRole', name: 'readonly', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true },
        { kind: 'grantTable', database: 'datatweets', schema: 'public', table: 'accounts', privileges: ['DELETE', 'DROP', 'UPDATE'], grantee: { kind: 'role', name: 'readwrite' } },
      ],
    });
    expect(preview.script).toBe('');
    expect(preview.problems.map((p) => p.index)).toEqual([0, 1]);
    expect(preview.problems[0]?.message).toMatch(/already exists/);
    expect(preview.problems[1]?.message).toMatch(/DROP is not a privilege/i);
  });
});
