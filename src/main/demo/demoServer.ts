import { readFile, writeFile, rename } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import type { DemoStatus } from '../../shared/api/contract';
import { EmbeddedServer, type EmbeddedEndpoint } from './embeddedServer';
import { freshSeedPasswords, seedDemo } from './seed';
import { makePrivateDir, serverAccount } from './runAs';
import { takeInstanceLock } from './staleLock';

/**
 * Bumped when the seed changes shape, so older demo data is seeded again.
 * 2: data_viewer's password is random (kept in state.json), no longer the lesson's "secret".
 */
export const seedVersion = 2;

const stateSchema = z.object({
  superuserPassword: z.string().min(16),
  /** Passwords of the seeded logins; absent in state files from before seed version 2. */
  seedPasswords: z.object({ data_viewer: z.string().min(16) }).optional(),
  seededVersion: z.number().int().nullable(),
});
type DemoState = z.infer<typeof stateSchema>;

/** Options for the demo server: where it lives, and which PostgreSQL build runs it. */
export interface DemoServerOptions {
  /** The app's data directory; the demo lives in `<dataDir>/demo`. */
  dataDir: string;
  binariesPackage?: string;
}

/**
 * The embedded demo server: started in the app's data directory, seeded once with the
 * lesson scenario, kept across restarts, stopped with the app. Its status is readable
 * at any time, so the UI can show progress and failures in plain words.
 */
export class DemoServer {
  private statusValue: DemoStatus = { state: 'off', message: 'The demo server is not started.' };
  private starting: Promise<EmbeddedEndpoint> | undefined;
  private server: EmbeddedServer | undefined;
  private releaseLock: (() => Promise<void>) | undefined;
  /** The port it listens on once ready, else 0. */
  port = 0;
  /** Milliseconds the last start took, and whether it seeded. */
  lastStart: { ms: number; seeded: boolean } | undefined;

  constructor(private readonly options: DemoServerOptions) {}

  /** Where the demo lives. */
  get dir(): string {
    return join(this.options.dataDir, 'demo');
  }

  /** The server log file (for diagnostics and tests). */
  get logFile(): string | undefined {
    return this.server?.logFile;
  }

  /** What the UI shows about the demo server. */
  status(): DemoStatus {
    return this.statusValue;
  }

  /** Starts (once) and resolves with how to connect; later calls share the same start. */
  start(): Promise<EmbeddedEndpoint> {
    this.starting ??= this.doStart().catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.statusValue = { state: 'failed', message: `The demo server could not start: ${message}` };
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  /** Stops the server and releases the data directory. */
  async stop(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    if (starting) await starting.catch(() => undefined);
    await this.server?.stop();
    this.server = undefined;
    this.port = 0;
    await this.releaseLock?.();
    this.releaseLock = undefined;
    this.statusValue = { state: 'off', message: 'The demo server is stopped.' };
  }

  private async doStart(): Promise<EmbeddedEndpoint> {
    const began = Date.now();
    this.statusValue = { state: 'starting', message: 'Starting the demo PostgreSQL server…' };
    const account = serverAccount();
    await makePrivateDir(this.options.dataDir, account);
    await makePrivateDir(this.dir, account);
    this.releaseLock = await takeInstanceLock(join(this.dir, 'warden.lock'));
    let state = await this.loadState();
    const server = new EmbeddedServer({
      clusterDir: join(this.dir, 'cluster'),
      superuserPassword: state.superuserPassword,
      ...(this.options.binariesPackage ? { binariesPackage: this.options.binariesPackage } : {}),
    });
    this.server = server;
    const endpoint = await server.start();
    const seeded = state.seededVersion !== seedVersion || state.seedPasswords === undefined;
    if (seeded) {
      this.statusValue = { state: 'starting', message: 'Creating the demo data (10,000 users)…' };
      const seedPasswords = state.seedPasswords ?? freshSeedPasswords();
      // why: saved before seeding, so a seed that dies halfway is redone with the same passwords.
      state = { ...state, seedPasswords };
      await this.saveState(state);
      await seedDemo((database) => connectTo(endpoint, database), seedPasswords);
      await this.saveState({ ...state, seededVersion: seedVersion });
    }
    this.lastStart = { ms: Date.now() - began, seeded };
    this.port = endpoint.port;
    this.statusValue = { state: 'ready', message: `The demo server is running on 127.0.0.1:${endpoint.port}.` };
    return endpoint;
  }

  private async loadState(): Promise<DemoState> {
    const file = join(this.dir, 'state.json');
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) {
      const parsed = stateSchema.safeParse(parseJson(text));
      if (parsed.success) return parsed.data;
    }
    // why: a random superuser password per install; the lesson's abc123 would let any local user in.
    const fresh: DemoState = { superuserPassword: randomBytes(24).toString('base64url'), seedPasswords: freshSeedPasswords(), seededVersion: null };
    await this.saveState(fresh);
    return fresh;
  }

  private async saveState(state: DemoState): Promise<void> {
    const file = join(this.dir, 'state.json');
    await writeFile(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}

async function connectTo(endpoint: EmbeddedEndpoint, database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...endpoint, database });
  await client.connect();
  return client;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
