import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { roleSeeingVersion } from '../support/fakeVersion';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, type TestServer } from '../support/testServer';

// Versions are faked per role (tests/support/fakeVersion.ts): no PostgreSQL 13 or 19 here.
let server: TestServer;
let backend: Backend;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
const roles: Record<'v13' | 'v19', string> = { v13: '', v19: '' };
const drops: (() => Promise<void>)[] = [];
const password = 'version-test-pw-0';

async function pretend(kind: 'v13' | 'v19', num: string, version: string): Promise<void> {
  const made = await roleSeeingVersion(server, kind, num, version, password);
  roles[kind] = made.role;
  drops.push(made.drop);
}

const params = (kind: 'v13' | 'v19') => ({ host: server.params.host, port: server.params.port, user: roles[kind], password, database: 'postgres', sslmode: 'disable' as const });

beforeAll(async () => {
  server = await startTestServer();
  await pretend('v13', '130011', '13.11 (Debian 13.11-1)');
  await pretend('v19', '190000', '19devel');
  dir = await makeTempDir('versions');
  backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: '0.0.0-test', sealer: null, demo: false });
});

afterAll(async () => {
  await backend.close();
  for (const drop of drops) await drop();
  await server.stop();
  await dir.remove();
});

describe('a server older than 14', () => {
  it('is refused in plain words when tested or added, never with a contract error', async () => {
    for (const method of ['connections.test', 'connections.add'] as const) {
      const r = await backend.dispatch(method, method === 'connections.add' ? { ...params('v13'), save: false } : params('v13'));
      expect(r).toEqual({ ok: false, error: { code: 'connection_failed', message: 'This server runs PostgreSQL 13.11; Warden works with PostgreSQL 14 and newer.' } });
    }
  });
});

describe('a server newer than 18', () => {
  it('works, with a "not yet verified" note for the banner', async () => {
    const tested = await backend.dispatch('connections.test', params('v19'));
    expect(tested).toEqual({ ok: true, value: { serverVersion: '19devel' } });
    const added = await backend.dispatch('connections.add', { ...params('v19'), save: false });
    if (!added.ok) throw new Error(added.error.message);
    const connectionId = (added.value as { id: string }).id;
    const info = await backend.dispatch('server.info', { connectionId });
    expect(info).toMatchObject({ ok: true, value: { major: 19, versionNote: expect.stringMatching(/^PostgreSQL 19 is not yet verified with Warden/) as unknown } });
    const snapshot = await backend.dispatch('catalog.load', { connectionId, database: 'postgres' });
    expect(snapshot).toMatchObject({ ok: true, value: { serverMajor: 19 } });
    const preview = await backend.dispatch('changes.preview', {
      connectionId,
      changes: [{ kind: 'createRole', name: 'v19_new', login: false, password: { kind: 'none' }, superuser: false, createDb: false, createRole: false, inherit: true }],
    });
    expect(preview).toMatchObject({ ok: true, value: { problems: [], script: expect.stringContaining('CREATE ROLE v19_new') as unknown } });
  });

  it('an 18 server has no note', async () => {
    const added = await backend.dispatch('connections.add', { ...params('v19'), user: server.params.user, password: server.params.password, save: false });
    if (!added.ok) throw new Error(added.error.message);
    const info = await backend.dispatch('server.info', { connectionId: (added.value as { id: string }).id });
    expect(info).toMatchObject({ ok: true, value: { versionNote: null } });
  });
});
