import type { Change, ChangeKind } from '../../../shared/changes/schema';
import { planStatements } from '../../../shared/sql/render';
import type { ApplyDeps } from './apply';
import { probeFor, readProbe } from './probe';

/** SQLSTATEs that mean "already so" for the kinds that create or drop something. */
const alreadySo: Partial<Record<ChangeKind, ReadonlySet<string>>> = {
  // duplicate_object: the role (or the membership it is created with) exists.
  createRole: new Set(['42710']),
  // duplicate_schema.
  createSchema: new Set(['42P06']),
  // undefined_object: the role is gone, so is what it owned and held.
  dropRole: new Set(['42704']),
  reassignOwned: new Set(['42704']),
  dropOwned: new Set(['42704']),
};

const sqlState = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;

/**
 * Whether one change is already true on the server: its statements run in a transaction
 * that is always rolled back, and the object it acts on reads the same before and after
 * (the probe Apply uses to report no-ops). A create that finds its object, or a drop that
 * finds it gone, is true too. A new password cannot be read back, so it never counts as true.
 */
async function isSettled(change: Change, deps: ApplyDeps): Promise<boolean> {
  if (change.kind === 'alterRole' && change.password?.kind === 'verifier') return false;
  const probe = probeFor(change);
  const probeDb = probe.database ?? deps.connectedDatabase;
  let statements = planStatements(change, deps.serverMajor);
  if (statements.some((s) => !s.transactional)) {
    // why: CREATE DATABASE cannot run in a transaction; the database must exist, owned as staged.
    const rows = await readProbe(probe, async (_db, fn) => {
      const held = await deps.acquire(probeDb);
      try {
        return await fn(held.client);
      } finally {
        held.release();
      }
    });
    const found = rows === 'absent' ? [] : (JSON.parse(rows) as { owner?: string }[]);
    const owner = change.kind === 'createDatabase' ? change.owner : undefined;
    if (found.length === 0 || (owner !== undefined && found[0]?.owner !== owner)) return false;
    statements = statements.filter((s) => s.transactional);
  }
  // why: another connection cannot see this one's uncommitted changes; a change whose
  // statements run elsewhere than its probe reads cannot be checked this way.
  if (statements.some((s) => (s.database ?? deps.connectedDatabase) !== probeDb)) return false;
  const held = await deps.acquire(probeDb);
  try {
    await held.client.query('BEGIN');
    await held.client.query("SET LOCAL lock_timeout = '2s'");
    await held.client.query("SET LOCAL statement_timeout = '10s'");
    const read = () => readProbe(probe, (_db, fn) => fn(held.client));
    const before = await read();
    try {
      for (const s of statements) await held.client.query(s.sql);
    } catch (err) {
      return alreadySo[change.kind]?.has(sqlState(err) ?? '') ?? false;
    }
    return (await read()) === before;
  } finally {
    await held.client.query('ROLLBACK').catch(() => undefined);
    held.release();
  }
}

/**
 * The indexes of the staged changes that are already true on the server (after the DBA ran
 * an exported script, say), checked one by one; nothing is ever committed.
 */
export async function settledChanges(changes: readonly Change[], deps: ApplyDeps): Promise<number[]> {
  const out: number[] = [];
  for (const [index, change] of changes.entries()) {
    if (await isSettled(change, deps)) out.push(index);
  }
  return out;
}
