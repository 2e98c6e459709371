import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdir, rm, stat, writeFile, appendFile, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { accountCan, reachableBinDir, serverAccount, type OsAccount, type RunnableBinaries } from './runAs';
import { loadPgBinaries } from './pgBinaries';
import { clearStaleLock } from './staleLock';

/** How to run one embedded PostgreSQL cluster. */
export interface EmbeddedServerOptions {
  /** Directory holding the cluster (created by initdb on first start). */
  clusterDir: string;
  /** Superuser password, set at initdb time. */
  superuserPassword: string;
  /** Binaries package (another major via an npm alias); defaults to this platform's. */
  binariesPackage?: string;
  /** Extra server settings passed as `-c name=value` (tests turn on log_statement=all). */
  settings?: Readonly<Record<string, string>>;
  /** A fixed port on 127.0.0.1 (default: a free one the OS picks at each start). */
  port?: number;
  /** Receives each line the server logs (for diagnostics; the server never sees passwords in plain text). */
  onLog?: (line: string) => void;
}

/** How clients reach a running embedded server. */
export interface EmbeddedEndpoint {
  host: '127.0.0.1';
  port: number;
  user: 'postgres';
  password: string;
}

/** A free TCP port on 127.0.0.1, picked by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Where root's clusters go when the data folder is out of the postgres user's reach. */
export const rootFallbackDir = '/var/lib/warden/clusters';

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One PostgreSQL cluster run from the npm binaries: initialised on first start, bound to
 * 127.0.0.1 on a free port with Unix sockets off, stopped with a fast shutdown.
 */
export class EmbeddedServer {
  private child: ChildProcess | undefined;
  private endpoint: EmbeddedEndpoint | undefined;
  private readonly recentLog: string[] = [];
  private account: OsAccount | undefined;
  private runtime: RunnableBinaries | undefined;
  /** Where the cluster really lives (see prepareClusterDir for the root case). */
  clusterDir: string;

  constructor(private readonly options: EmbeddedServerOptions) {
    this.clusterDir = options.clusterDir;
  }

  /** The data directory inside the cluster folder. */
  get dataDir(): string {
    return join(this.clusterDir, 'pgdata');
  }

  /** Where the server's log goes. */
  get logFile(): string {
    return join(this.clusterDir, 'postgres.log');
  }

  /** Initialises (once) and starts the server; resolves when it accepts connections. */
  async start(): Promise<EmbeddedEndpoint> {
    if (this.endpoint) return this.endpoint;
    const bins = await loadPgBinaries(this.options.binariesPackage);
    this.account = serverAccount();
    this.runtime ??= await reachableBinDir(this.account, bins.postgres);
    try {
      return await this.startFrom(this.runtime.binDir);
    } catch (err) {
      await this.removeRuntime();
      throw err;
    }
  }

  private async startFrom(binDir: string): Promise<EmbeddedEndpoint> {
    await this.prepareClusterDir();
    if (!(await exists(join(this.dataDir, 'PG_VERSION')))) await this.initdb(join(binDir, 'initdb'));
    await clearStaleLock(this.dataDir);
    for (let attempt = 1; ; attempt++) {
      const port = this.options.port ?? (await freePort());
      try {
        await this.launch(join(binDir, 'postgres'), port);
        this.endpoint = { host: '127.0.0.1', port, user: 'postgres', password: this.options.superuserPassword };
        return this.endpoint;
      } catch (err) {
        // why: another program may take the port between picking and binding it.
        const portTaken = this.recentLog.some((l) => l.includes('could not bind') || l.includes('Address already in use'));
        if (!portTaken || attempt >= 3 || this.options.port !== undefined) throw err;
      }
    }
  }

  private async removeRuntime(): Promise<void> {
    const runtime = this.runtime;
    this.runtime = undefined;
    await runtime?.remove();
  }

  /** Fast shutdown (SIGINT): disconnects clients, then waits for the server to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.endpoint = undefined;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await this.removeRuntime();
  }

  /** The last lines the server logged, for error messages. */
  lastLog(lines = 8): string {
    return this.recentLog.slice(-lines).join('\n');
  }

  private async prepareClusterDir(): Promise<void> {
    await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    if (!this.account) return;
    await chown(this.clusterDir, this.account.uid, this.account.gid);
    if (accountCan(this.account, '-w', this.clusterDir)) return;
    // why: as root the data folder is often under /root (0700), where the postgres OS
    // user cannot enter; the cluster then lives in a folder of its own under /var/lib.
    const key = createHash('sha256').update(this.options.clusterDir).digest('hex').slice(0, 16);
    this.clusterDir = join(rootFallbackDir, key);
    await mkdir(rootFallbackDir, { recursive: true, mode: 0o711 });
    await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    await chown(this.clusterDir, this.account.uid, this.account.gid);
    if (!accountCan(this.account, '-w', this.clusterDir)) {
      throw new Error(`The OS user "postgres" cannot write to ${this.clusterDir}; set WARDEN_DATA_DIR to a folder it can reach.`);
    }
  }

  private spawnOptions() {
    // why: English messages and the C locale make the cluster behave the same on every machine.
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' };
    return this.account ? { env, uid: this.account.uid, gid: this.account.gid } : { env };
  }

  private async initdb(initdbBin: string): Promise<void> {
    const pwDir = join(tmpdir(), `warden-pw-${randomBytes(6).toString('hex')}`);
    await mkdir(pwDir, { mode: 0o700 });
    const pwFile = join(pwDir, 'pw');
    try {
      await writeFile(pwFile, `${this.options.superuserPassword}\n`, { mode: 0o600 });
      if (this.account) {
        await chown(pwDir, this.account.uid, this.account.gid);
        await chown(pwFile, this.account.uid, this.account.gid);
      }
      const args = ['-D', this.dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--no-locale', '--no-sync'];
      const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
        const proc = spawn(initdbBin, args, { ...this.spawnOptions(), stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        proc.stdout.on('data', (c: Buffer) => (text += c.toString()));
        proc.stderr.on('data', (c: Buffer) => (text += c.toString()));
        proc.on('error', reject);
        proc.on('close', (code) => resolve({ code, text }));
      });
      if (output.code !== 0) {
        await rm(this.dataDir, { recursive: true, force: true });
        throw new Error(`Creating the demo database cluster failed: ${output.text.trim().split('\n').slice(-3).join(' ')}`);
      }
    } finally {
      await rm(pwDir, { recursive: true, force: true });
    }
  }

  private async launch(postgresBin: string, port: number): Promise<void> {
    this.recentLog.length = 0;
    const args = ['-D', this.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'logging_collector=off'];
    for (const [name, value] of Object.entries(this.options.settings ?? {})) {
      if (!/^[a-z_.]+$/.test(name)) throw new Error(`"${name}" is not a PostgreSQL setting name.`);
      args.push('-c', `${name}=${value}`);
    }
    const child = spawn(postgresBin, args, { ...this.spawnOptions(), stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    await writeFile(this.logFile, '', { flag: 'a', mode: 0o600 });
    await chmod(this.logFile, 0o600);
    let exitedEarly = false;
    child.on('exit', () => (exitedEarly = true));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      void appendFile(this.logFile, text).catch(() => undefined);
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        this.recentLog.push(line);
        if (this.recentLog.length > 50) this.recentLog.shift();
        this.options.onLog?.(line);
      }
    });
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    await Promise.race([this.waitUntilReady(port, () => exitedEarly), spawnError]);
  }

  private async waitUntilReady(port: number, exited: () => boolean): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited()) {
        this.child = undefined;
        throw new Error(`The demo PostgreSQL server stopped while starting: ${this.lastLog(3) || 'no output'}`);
      }
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: this.options.superuserPassword, database: 'postgres', connectionTimeoutMillis: 2000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return;
      } catch (err) {
        await client.end().catch(() => undefined);
        if (err instanceof Error && 'code' in err && err.code === '28P01') {
          await this.stop();
          throw new Error(
            `The demo server in ${this.clusterDir} was created with another password. Delete that folder to start afresh.`,
            { cause: err },
          );
        }
        await sleep(100);
      }
    }
    await this.stop();
    throw new Error(`The demo PostgreSQL server did not accept connections within a minute: ${this.lastLog(3)}`);
  }
}
