import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { parseScramVerifier, scramPasswordMatches } from '../../src/main/backend/scram';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import { quoteIdent } from '../../src/shared/sql/quote';
import { findPsql, runPsqlFile } from '../support/psqlBinary';
import { runScript } from '../support/scriptRunner';
import { makeTempDir } from '../support/tempDir';
import { startTestServer, testMajors, type TestServer } from '../support/testServer';

// why: docs/privileges.md §5. The verifier Warden makes must use the iteration count the
// server itself would use (scram_iterations, 16+), Apply must store it, and an exported
// script must hold no verifier unless asked to.

const plaintext = 'Tr0ub4dor&3 passwords 🐴';

describe.each(testMajors())('passwords on PostgreSQL %s', (requested) => {
  let server: TestServer;
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: Backend;
  let admin: pg.Client;
  let connectionId: string;
  /** What the server itself stores for a password set in SQL: the iteration count it uses. */
  let serverIterations: number;

  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as Output<M>;
  };
  const storedVerifier = async (role: string): Promise<string | null> =>
    (await admin.query<{ v: string | null }>('SELECT rolpassword AS v FROM pg_authid WHERE rolname = $1', [role])).rows[0]?.v ?? null;

  beforeAll(async () => {
    server = await startTestServer(requested);
    admin = await server.connect();
    if (server.major >= 16) {
      // why: a count other than the default, so following the server cannot pass by chance.
      await admin.query('ALTER SYSTEM SET scram_iterations = 6000');
      await admin.query('SELECT pg_reload_conf()');
      // why: a reload is a signal each backend takes when it gets to it (late on a busy machine);
      // wait until this session sees the new value, or the probe below reads the old default.
      for (let tries = 0; (await admin.query<{ v: string }>("SELECT current_setting('scram_iterations') AS v")).rows[0]?.v !== '6000'; tries++) {
        if (tries > 100) throw new Error('The server did not take scram_iterations = 6000 within 10 s of pg_reload_conf().');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // The server's own choice, read the way it makes it: a password set in SQL.
    const probe = server.unique('probe');
    await admin.query(`SET password_encryption = 'scram-sha-256'`);
    await admin.query(`SET scram_iterations = DEFAULT`).catch(() => undefined);
    await admin.query(`CREATE ROLE ${probe} PASSWORD 'x'`);
    serverIterations = parseScramVerifier((await storedVerifier(probe)) ?? '')?.iterations ?? -1;
    await admin.query(`DROP ROLE ${probe}`);
    dir = await makeTempDir('passwords');
    backend = createBackend({ dataDir: join(dir.path, 'data'), mode: 'browser', version: 'test', sealer: null, demo: false });
    connectionId = (await call('connections.add', { ...server.params, database: 'postgres', sslmode: 'disable', save: false })).id;
  });

  afterAll(async () => {
    await backend.close();
    if (server.external) await admin.query('ALTER SYSTEM RESET scram_iterations').catch(() => undefined);
    await admin.end();
    await server.stop();
    await dir.remove();
  });

  it("hashes with the server's iteration count (scram_iterations on 16+, 4096 before)", async () => {
    expect(serverIterations).toBe(server.major >= 16 ? 6000 : 4096);
    const { verifier } = await call('password.hash', { connectionId, password: plaintext });
    expect(parseScramVerifier(verifier)?.iterations).toBe(serverIterations);
    expect(scramPasswordMatches(plaintext, verifier)).toBe(true);
  });

  it('Apply stores the verifier, and the password logs in', async () => {
    const name = server.unique('Applied "Bot" é');
    const { verifier } = await call('password.hash', { connectionId, password: plaintext });
    const changes = [{ kind: 'createRole', name, login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true }];
    const preview = await call('changes.preview', { connectionId, changes });
    expect(preview.problems).toEqual([]);
    const report = await call('changes.apply', { connectionId, changes, fingerprint: preview.fingerprint });
    expect(report.outcome).toBe('applied');
    expect(await storedVerifier(name)).toBe(verifier);
    const login = new pg.Client({ host: server.params.host, port: server.params.port, user: name, password: plaintext, database: 'postgres' });
    await login.connect();
    await login.end();
    await admin.query(`DROP ROLE ${quoteIdent(name)}`);
  });

  it('an exported script holds no verifier by default: the role gets none, and the script says how to set it', async () => {
    const name = server.unique('Exported "Bot" é');
    const { verifier } = await call('password.hash', { connectionId, password: plaintext });
    const changes = [{ kind: 'createRole', name, login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true }];
    const preview = await call('changes.preview', { connectionId, changes });
    expect(preview.script).not.toContain('SCRAM-SHA-256');
    expect(preview.script).not.toContain(verifier.split('$')[2] ?? verifier);
    expect(preview.script).toContain(`\\password ${quoteIdent(name)}`);
    const target = { ...server.params, database: 'postgres' };
    const run = await runScript(preview.script, target);
    expect(run.messages.filter((m) => m.startsWith('ERROR'))).toEqual([]);
    expect(run.ok).toBe(true);
    expect(await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).toHaveProperty('rowCount', 1);
    expect(await storedVerifier(name)).toBeNull();
    await admin.query(`DROP ROLE ${quoteIdent(name)}`);

    // psql itself reads the note as a comment (when a psql is installed).
    const psql = findPsql();
    if (psql !== null) {
      const file = join(dir.path, 'export.sql');
      await writeFile(file, preview.script, { mode: 0o600 });
      const viaPsql = await runPsqlFile(psql, file, target);
      expect(viaPsql.messages).toEqual([]);
      expect(viaPsql.exitCode).toBe(0);
      expect(await storedVerifier(name)).toBeNull();
      await admin.query(`DROP ROLE ${quoteIdent(name)}`);
    }
  });

  it('the export option writes the verifier, which is what Apply would store', async () => {
    const name = server.unique('Included');
    const { verifier } = await call('password.hash', { connectionId, password: plaintext });
    const changes = [{ kind: 'createRole', name, login: true, password: { kind: 'verifier', verifier }, superuser: false, createDb: false, createRole: false, inherit: true }];
    const preview = await call('changes.preview', { connectionId, changes, passwords: 'include' });
    expect(preview.script).toContain(`PASSWORD '${verifier}'`);
    expect(preview.script).not.toContain('\\password');
    const run = await runScript(preview.script, { ...server.params, database: 'postgres' });
    expect(run.ok).toBe(true);
    expect(await storedVerifier(name)).toBe(verifier);
    await admin.query(`DROP ROLE ${quoteIdent(name)}`);
  });
});
