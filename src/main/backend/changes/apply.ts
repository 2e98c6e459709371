import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Change, ChangeKind } from '../../../shared/changes/schema';
import { appliedSummary } from '../../../shared/changes/applySummary';
import { describeChange } from '../../../shared/changes/describe';
import { planStatements } from '../../../shared/sql/render';
import { quoteIdent, quoteRole } from '../../../shared/sql/quote';
import { serverErrorWords } from '../pgErrors';
import { probeFor, readProbe } from './probe';

/** What happened to one change. */
export type ChangeStatus = 'done' | 'no-op' | 'failed' | 'not-run' | 'unknown';

/** The report of one apply. */
export interface ApplyReport {
  outcome: 'applied' | 'drift' | 'failed';
  message: string;
  results: { index: number; status: ChangeStatus; statement?: string; message?: string }[];
  /** With outcome 'drift': the changes whose objects changed on the server since the preview. */
  changedSincePreview: number[];
}

/** A client on one database, held for the whole apply. */
export interface HeldClient {
  client: pg.ClientBase;
  release: () => void;
}

/** How long a statement of apply waits for another session's lock before giving up (default). */
export const lockTimeoutSeconds = 10;

/** SQLSTATE 55P03 lock_not_available: what lock_timeout raises. */
function lockTimedOut(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '55P03';
}

/** What apply needs from the backend. */
export interface ApplyDeps {
  connectedDatabase: string;
  serverMajor: number;
  acquire: (database: string) => Promise<HeldClient>;
  /** Seconds to wait for another session's lock (default lockTimeoutSeconds). */
  lockTimeoutSeconds?: number;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/** Reads every change's probe; their hashes joined make the fingerprint preview hands out. */
export async function readProbes(changes: readonly Change[], deps: ApplyDeps): Promise<string[]> {
  const out: string[] = [];
  for (const change of changes) {
    out.push(
      await readProbe(probeFor(change), async (database, fn) => {
        const held = await deps.acquire(database ?? deps.connectedDatabase);
        try {
          return await fn(held.client);
        } finally {
          held.release();
        }
      }),
    );
  }
  return out;
}

/** The drift fingerprint of the objects the changes touch. */
export function fingerprintOf(probes: readonly string[]): string {
  return probes.map(shortHash).join('.');
}

// why: a transaction cannot see another connection's uncommitted rows, and shared catalogs
// (roles, memberships, pg_database, pg_shdepend) are one set of rows for every database. A
// role created in one database's transaction does not exist yet for a GRANT in another;
// DROP ROLE still sees the dependencies an uncommitted DROP OWNED elsewhere removed; and two
// REASSIGN OWNED in two databases would wait for each other's row lock forever.
const sharedCatalogWriters: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'createRole', 'alterRole', 'dropRole', 'addMember', 'removeMember', 'grantDatabase', 'revokeDatabase',
  'createDatabase', 'reassignOwned', 'dropOwned',
]);

/**
 * Applies validated changes: CREATE DATABASE runs first on its own (owned by the current
 * user, with the owner set inside the transaction), then one transaction per database, all
 * committed together only when every statement succeeded. Where a change moves to another
 * database and it or an open transaction writes shared catalogs (roles, memberships,
 * databases), the open transactions are committed first: a step, since PostgreSQL cannot
 * see across uncommitted transactions. On failure the open step is rolled back, and the
 * databases it created are dropped again. Each change's object is read just before and
 * after it runs: one that did not change was a no-op.
 */
export async function applyChanges(changes: readonly Change[], previewFingerprint: string, deps: ApplyDeps): Promise<ApplyReport> {
  const before = await readProbes(changes, deps);
  const previewParts = previewFingerprint.split('.');
  const changedSincePreview = before.map((p, i) => (shortHash(p) === previewParts[i] ? -1 : i)).filter((i) => i >= 0);
  if (changedSincePreview.length > 0 || previewParts.length !== before.length) {
    return {
      outcome: 'drift',
      message: 'The server changed since the preview. Review the refreshed preview, then apply again.',
      results: changes.map((_, index) => ({ index, status: 'not-run' })),
      changedSincePreview,
    };
  }

  const waitSeconds = Math.max(1, Math.round(deps.lockTimeoutSeconds ?? lockTimeoutSeconds));
  const created: { index: number; name: string }[] = [];
  const results: ApplyReport['results'] = changes.map((_, index) => ({ index, status: 'not-run' }));
  const held = new Map<string, HeldClient>();
  /** The first change of the step still open; everything before it is committed. */
  let firstOpen = 0;
  let steps = 1;
  let openWroteShared = false;

  const fail = async (index: number, sql: string, err: unknown): Promise<ApplyReport> => {
    for (const h of held.values()) await h.client.query('ROLLBACK').catch(() => undefined);
    releaseAll(held);
    await dropCreated(created.filter((c) => c.index >= firstOpen).map((c) => c.name), deps);
    const message = lockTimedOut(err)
      ? `Another session held a lock this change needed for ${waitSeconds} second${waitSeconds === 1 ? '' : 's'} (a long transaction on the same object?). Try again once it has finished.`
      : serverErrorWords(err);
    for (const r of results) if (r.index >= firstOpen) r.status = 'not-run';
    results[index] = { index, status: 'failed', statement: sql, message };
    const kept = firstOpen === 0 ? '' : committedNote(firstOpen);
    return {
      outcome: 'failed',
      message: firstOpen === 0 ? `Nothing was applied: change ${index + 1} failed: ${message}` : `Change ${index + 1} failed: ${message}${kept}`,
      results,
      changedSincePreview: [],
    };
  };
  const inTransaction = async (database: string): Promise<HeldClient> => {
    let h = held.get(database);
    if (!h) {
      h = await deps.acquire(database);
      held.set(database, h);
      await h.client.query('BEGIN');
      // why: GRANT, ALTER ROLE and friends wait for locks other sessions hold (a long
      // transaction on the table, a busy pg_authid row); apply fails in plain words after
      // a while instead of hanging the dialog.
      await h.client.query(`SET LOCAL lock_timeout = '${waitSeconds}s'`);
    }
    return h;
  };
  /** Commits every open transaction; false when a connection was lost at COMMIT. */
  const commitOpen = async (): Promise<boolean> => {
    let ok = true;
    for (const h of held.values()) {
      try {
        await h.client.query('COMMIT');
      } catch {
        // why: a connection lost at COMMIT leaves the outcome unknown; it is settled by
        // re-reading the catalog, never by running anything again.
        ok = false;
      }
    }
    releaseAll(held);
    return ok;
  };
  /** After a lost COMMIT: changes of the open step whose object reads as before did not take effect, or cannot be told. */
  const settleLost = async (upTo: number): Promise<void> => {
    const after = await readProbes(changes, deps);
    for (const r of results) {
      if (r.index >= firstOpen && r.index < upTo && (r.status === 'done' || r.status === 'no-op') && after[r.index] === before[r.index]) {
        r.status = 'unknown';
      }
    }
  };

  // why: CREATE DATABASE cannot be rolled back. Made first and owned by us, it can be
  // dropped again if anything later fails; its owner is set inside the transaction.
  for (const [index, change] of changes.entries()) {
    if (change.kind !== 'createDatabase') continue;
    const sql = `CREATE DATABASE ${quoteIdent(change.name)};`;
    try {
      const h = await deps.acquire(deps.connectedDatabase);
      try {
        await h.client.query(sql);
      } finally {
        h.release();
      }
      created.push({ index, name: change.name });
    } catch (err) {
      return fail(index, sql, err);
    }
  }

  // Each change runs between two reads of its probe on the same session, so a change that
  // alters nothing is reported as a no-op even when later changes touch the same object.
  for (const [index, change] of changes.entries()) {
    const statements = planStatements(change, deps.serverMajor).flatMap((s) => {
      if (s.transactional) return [s];
      if (change.kind === 'createDatabase' && change.owner !== undefined) {
        return [{ sql: `ALTER DATABASE ${quoteIdent(change.name)} OWNER TO ${quoteRole(change.owner)};`, database: null, transactional: true }];
      }
      return [];
    });
    const probe = probeFor(change);
    const writesShared = sharedCatalogWriters.has(change.kind);
    const uses = new Set([probe.database, ...statements.map((s) => s.database)].map((d) => d ?? deps.connectedDatabase));
    if ((writesShared || openWroteShared) && [...held.keys()].some((db) => !uses.has(db))) {
      if (!(await commitOpen())) {
        await settleLost(index);
        return {
          outcome: 'failed',
          message: `The connection was lost while committing before change ${index + 1}; the server was re-read to see what took effect, and nothing after it ran.`,
          results,
          changedSincePreview: [],
        };
      }
      firstOpen = index;
      steps += 1;
      openWroteShared = false;
    }
    let current = statements[0]?.sql ?? '';
    try {
      const probeClient = await inTransaction(probe.database ?? deps.connectedDatabase);
      const read = () => readProbe(probe, (_db, fn) => fn(probeClient.client));
      const beforeChange = await read();
      for (const s of statements) {
        current = s.sql;
        await (await inTransaction(s.database ?? deps.connectedDatabase)).client.query(s.sql);
      }
      const afterChange = await read();
      const alwaysDone = change.kind === 'createDatabase' || ('password' in change && change.password?.kind === 'verifier');
      results[index] = { index, status: alwaysDone || afterChange !== beforeChange ? 'done' : 'no-op' };
      openWroteShared ||= writesShared;
    } catch (err) {
      return fail(index, current, err);
    }
  }

  const commitLost = !(await commitOpen());
  if (commitLost) await settleLost(changes.length);
  const stepNote =
    steps > 1 ? ` They ran as ${steps} transactions one after the other, because changes to roles in one database are not visible from another until committed.` : '';
  return {
    outcome: 'applied',
    message: commitLost
      ? 'The connection was lost while committing; the server was re-read to see what took effect.'
      : `${appliedSummary(changes.map((c, i) => ({ status: results[i]?.status ?? 'not-run', label: describeChange(c) })))}${stepNote}`,
    results,
    changedSincePreview: [],
  };
}

function committedNote(firstOpen: number): string {
  const first = firstOpen === 1 ? 'Change 1 was' : `Changes 1–${firstOpen} were`;
  return `. ${first} already committed (a step before moving to another database, since role changes are not visible across databases until committed) and stay applied; nothing after that took effect.`;
}

function releaseAll(held: Map<string, HeldClient>): void {
  for (const h of held.values()) h.release();
  held.clear();
}

async function dropCreated(names: readonly string[], deps: ApplyDeps): Promise<void> {
  for (const name of names) {
    const h = await deps.acquire(deps.connectedDatabase);
    try {
      await h.client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE);`);
    } finally {
      h.release();
    }
  }
}
