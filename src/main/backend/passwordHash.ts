import type pg from 'pg';
import { scramDefaultIterations, scramSha256Verifier } from './scram';

/**
 * The iteration count the server itself would use for a new SCRAM verifier: its
 * `scram_iterations` setting (PostgreSQL 16 on, as this session sees it), else 4096.
 */
export async function serverScramIterations(client: pg.ClientBase): Promise<number> {
  const r = await client.query<{ n: string | null }>(`SELECT current_setting('scram_iterations', true) AS n`);
  const n = Number(r.rows[0]?.n ?? scramDefaultIterations);
  // why: the setting is an int >= 1 on every server that has it; anything else is not trusted.
  return Number.isSafeInteger(n) && n >= 1 ? n : scramDefaultIterations;
}

/** A verifier for `password` with the target server's iteration count; the password goes no further. */
export async function hashForServer(client: pg.ClientBase, password: string): Promise<string> {
  return scramSha256Verifier(password, { iterations: await serverScramIterations(client) });
}
