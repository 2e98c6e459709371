import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ScriptRunResult, ScriptTarget } from './scriptRunner';

/** A psql client found on this machine. */
export interface PsqlBinary {
  path: string;
  /** `psql --version`, e.g. "psql (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
  version: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * psql from WARDEN_PSQL (which must then work: a wrong path fails the caller) or the
 * first on PATH; null when there is none, as on a machine with only Node and npm, or
 * when WARDEN_PSQL is `none` (to try that case on a machine that has psql).
 */
export function findPsql(env: NodeJS.ProcessEnv = process.env): PsqlBinary | null {
  const names = process.platform === 'win32' ? ['psql.exe'] : ['psql'];
  const wanted = env.WARDEN_PSQL?.trim();
  if (wanted === 'none') return null;
  const candidates = wanted ? [wanted] : (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((d) => names.map((n) => join(d, n)));
  for (const path of candidates) {
    if (!executable(path)) continue;
    const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return { path, version: r.stdout.trim() };
  }
  if (wanted) throw new Error(`WARDEN_PSQL=${wanted} is not a psql that runs.`);
  return null;
}

/**
 * Runs `psql -X -f file` against the target, with a clean PG* environment so nothing but
 * these parameters (and the script's own \set ON_ERROR_STOP) decides what happens.
 */
export function runPsqlFile(psql: PsqlBinary, file: string, target: ScriptTarget): Promise<ScriptRunResult & { exitCode: number | null }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  Object.assign(env, { PGPASSWORD: target.password, PGSSLMODE: 'disable', PGCONNECT_TIMEOUT: '10', LC_ALL: 'C.UTF-8', PGCLIENTENCODING: 'UTF8' });
  const args = ['-X', '-q', '-h', target.host, '-p', String(target.port), '-U', target.user, '-d', target.database, '-f', file];
  return new Promise((resolve, reject) => {
    const child = spawn(psql.path, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const messages = out.split('\n').filter((l) => l.trim() !== '');
      resolve({ ok: code === 0, exitCode: code, messages, statements: -1 });
    });
  });
}
