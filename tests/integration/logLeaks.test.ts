import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scramSha256Verifier } from '../../src/main/backend/scram';
import { quoteIdent, quoteLiteral } from '../../src/shared/sql/quote';
import { findLeaks } from '../support/logLeaks';
import { startTestServer, type TestServer } from '../support/testServer';

// The round trip's "no plaintext password in any server log" (roundTrip.test.ts) is only
// worth something if a leak would show: this logs a plaintext password on purpose and
// requires the same check to find it, then shows that Warden's way (a verifier) leaves none.
let server: TestServer;
const roles: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  const admin = await server.connect();
  for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
  await admin.end();
  await server.stop();
});

async function createRole(passwordSql: string): Promise<void> {
  const role = server.unique('leak');
  roles.push(role);
  const admin = await server.connect();
  try {
    await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN PASSWORD ${passwordSql}`);
  } finally {
    await admin.end();
  }
}

describe.skipIf(process.env.WARDEN_TEST_PG_URL !== undefined)('the server log of the test clusters (skipped with WARDEN_TEST_PG_URL: no log file to read)', () => {
  it('records every statement', async () => {
    const c = await server.connect();
    try {
      expect((await c.query<{ s: string }>("SELECT current_setting('log_statement') AS s")).rows[0]?.s).toBe('all');
    } finally {
      await c.end();
    }
  });

  it('catches a plaintext password sent on purpose, with the check the round trip uses', async () => {
    const plaintext = `canary-${randomBytes(9).toString('base64url')}`;
    await createRole(quoteLiteral(plaintext));
    await new Promise((r) => setTimeout(r, 200)); // the log is appended as the server writes it
    const leaks = await findLeaks([server.logFile ?? ''], [plaintext]);
    expect(leaks).toEqual([{ path: server.logFile, secret: plaintext }]);
  });

  it('finds nothing when the password travels as a SCRAM verifier, as Warden sends it', async () => {
    const plaintext = `quiet-${randomBytes(9).toString('base64url')}`;
    const verifier = scramSha256Verifier(plaintext);
    await createRole(quoteLiteral(verifier));
    await new Promise((r) => setTimeout(r, 200));
    expect(await findLeaks([server.logFile ?? ''], [verifier])).toHaveLength(1);
    expect(await findLeaks([server.logFile ?? ''], [plaintext])).toEqual([]);
  });
});
