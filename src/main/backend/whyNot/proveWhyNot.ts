import type pg from 'pg';
import { UserError } from '../../../shared/api/errors';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import type { Change } from '../../../shared/changes/schema';
import { privilegeNames, type PrivilegeName } from '../../../shared/privileges/bits';
import { planStatements } from '../../../shared/sql/render';
import type { WhyNotReport } from '../../../shared/whyNot/report';
import { whyNot } from '../../../shared/whyNot/whyNot';

/** Seconds a proof waits for another session's lock before giving up. */
const lockWaitSeconds = 2;

/** What a proof saw inside its transaction. */
interface ProofResult {
  proven: boolean;
  note: string | null;
}

/**
 * Runs `changes` inside BEGIN … ROLLBACK (lock and statement timeouts set) and re-checks
 * has_table_privilege, has_schema_privilege and has_database_privilege for the role there.
 * Nothing survives: the transaction always rolls back.
 */
export async function proveInTransaction(client: pg.ClientBase, changes: readonly Change[], major: number, check: { role: string; relationOid: number; schemaOid: number; privilege: string }): Promise<ProofResult> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL lock_timeout = '${lockWaitSeconds}s'`);
    await client.query(`SET LOCAL statement_timeout = '10s'`);
    for (const change of changes) for (const s of planStatements(change, major)) await client.query(s.sql);
    const r = await client.query<{ t: boolean; s: boolean; d: boolean }>(
      `SELECT has_table_privilege($1, $2::oid, $3) AS t, has_schema_privilege($1, $4::oid, 'USAGE') AS s,
              has_database_privilege($1, current_database(), 'CONNECT') AS d`,
      [check.role, check.relationOid, check.privilege, check.schemaOid],
    );
    const row = r.rows[0];
    const ok = row?.t === true && row.s && row.d;
    return { proven: ok, note: ok ? null : 'Run on the server, it did not give the privilege.' };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { proven: false, note: `The server refused it (${message}); the connected role may not make this change.` };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** Reads "schema.table" (either part may be double-quoted, "" inside quotes). */
export function parseQualifiedName(text: string): { schema: string; table: string } | null {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let part = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text.charAt(i);
        i++;
      }
    } else {
      while (i < text.length && text[i] !== '.') part += text.charAt(i++);
    }
    parts.push(part);
    if (i >= text.length) break;
    if (text[i] !== '.') return null;
    i++;
  }
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? { schema: parts[0] ?? '', table: parts[1] ?? '' } : null;
}

/** The why-not answer for one cell, every offered fix proven on the server; fixes that ran and did not flip the answer are dropped. */
export async function answerWhyNot(client: pg.ClientBase, snapshot: CatalogSnapshot, input: { role: string; schema: string; table: string; privilege: string }, now = new Date()): Promise<WhyNotReport> {
  const privilege = input.privilege.trim().toUpperCase();
  if (!(privilegeNames as readonly string[]).includes(privilege)) throw new UserError('invalid_input', `"${input.privilege}" is not a privilege; use one of SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, MAINTAIN.`);
  const role = snapshot.roles.find((r) => r.name === input.role);
  if (role === undefined) throw new UserError('invalid_input', `The server has no role called "${input.role}".`);
  const schema = snapshot.schemas.find((s) => s.name === input.schema);
  const relation = schema === undefined ? undefined : snapshot.relations.find((r) => r.schemaOid === schema.oid && r.name === input.table);
  if (schema === undefined || relation === undefined) throw new UserError('invalid_input', `The database "${snapshot.database.name}" has no relation "${input.schema}"."${input.table}".`);
  const answer = whyNot(snapshot, role.oid, relation, privilege as PrivilegeName, now);
  const fixes: WhyNotReport['fixes'] = [];
  for (const c of answer.candidates) {
    const proof = await proveInTransaction(client, c.changes, snapshot.serverMajor, { role: role.name, relationOid: relation.oid, schemaOid: schema.oid, privilege });
    // why: a fix that ran and did not flip the answer is never offered.
    if (!proof.proven && proof.note?.startsWith('Run on the server') === true) continue;
    const sql = c.changes.flatMap((ch) => planStatements(ch, snapshot.serverMajor).map((s) => s.sql)).join('\n');
    fixes.push({ label: c.label, sql, proven: proof.proven, note: proof.note, alsoChanges: c.alsoChanges, changes: c.changes });
  }
  return {
    role: role.name,
    database: snapshot.database.name,
    schema: schema.name,
    table: relation.name,
    privilege,
    granted: answer.granted,
    reasons: answer.reasons.map((r) => ({ source: r.source, via: r.pathNames, grantor: r.grantorName })),
    missing: answer.missing,
    fixes,
  };
}
