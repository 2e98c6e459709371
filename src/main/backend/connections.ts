import { randomUUID } from 'node:crypto';
import type { ConnectionInfo } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { ConnectionParams } from '../../shared/connections/params';
import type { DemoServer } from '../demo/demoServer';
import type { ConnectionStore, SavedConnection } from './connectionStore';
import type { SecretSealer } from './sealer';

interface Entry {
  info: Omit<ConnectionInfo, 'hasPassword'>;
  password: string | undefined;
}

/** The id of the embedded demo server's connection. */
export const demoConnectionId = 'demo';

/**
 * The connections Warden knows: the demo server and the servers added from the form.
 * Passwords live in memory only; saved ones are sealed by the OS keychain or not kept.
 */
export class Connections {
  private readonly entries = new Map<string, Entry>();
  private loaded: Promise<void> | undefined;
  private problem: string | null = null;

  constructor(
    private readonly store: ConnectionStore,
    private readonly sealer: SecretSealer | null,
    private readonly demo: DemoServer | null,
  ) {}

  /**
   * Everything the UI lists, the demo first, and why the saved servers are missing when
   * they could not be read. why: the demo server still shows then.
   */
  async list(): Promise<{ connections: ConnectionInfo[]; problem: string | null }> {
    const out: ConnectionInfo[] = [];
    if (this.demo) out.push(this.demoInfo());
    try {
      await this.ensureLoaded();
    } catch (err) {
      return { connections: out, problem: err instanceof Error ? err.message : String(err) };
    }
    for (const e of this.entries.values()) out.push({ ...e.info, hasPassword: e.password !== undefined });
    return { connections: out, problem: this.problem };
  }

  /** What it takes to connect to `id`; waits for the demo server when it is still starting. */
  async params(id: string): Promise<ConnectionParams> {
    if (id === demoConnectionId && this.demo) {
      const ep = await this.demo.start().catch((err: unknown) => {
        throw new UserError('not_ready', this.demo?.status().message ?? String(err));
      });
      return { host: ep.host, port: ep.port, user: ep.user, password: ep.password, database: 'datatweets', sslmode: 'disable' };
    }
    await this.ensureLoaded();
    const e = this.entries.get(id);
    if (!e) throw new UserError('not_found', 'That server is no longer in the list.');
    const { host, port, user, database, sslmode } = e.info;
    return { host, port, user, database, sslmode, ...(e.password === undefined ? {} : { password: e.password }) };
  }

  /** Adds a server (already tested by the caller); saves it when asked. */
  async add(params: ConnectionParams, save: boolean): Promise<ConnectionInfo> {
    await this.ensureLoaded();
    const id = randomUUID();
    const name = params.name?.trim() || `${params.user}@${params.host}:${params.port}/${params.database}`;
    const entry: Entry = {
      info: { id, name, kind: 'server', host: params.host, port: params.port, user: params.user, database: params.database, sslmode: params.sslmode, saved: save },
      password: params.password,
    };
    this.entries.set(id, entry);
    if (save) await this.persist();
    return { ...entry.info, hasPassword: entry.password !== undefined };
  }

  /** Gives a connection a password for this session (and seals it when the server is saved). */
  async setPassword(id: string, password: string): Promise<ConnectionInfo> {
    await this.ensureLoaded();
    const e = this.entries.get(id);
    if (!e) throw new UserError('not_found', 'That server is no longer in the list.');
    e.password = password;
    if (e.info.saved) await this.persist();
    return { ...e.info, hasPassword: true };
  }

  /** Forgets a server, on disk too. */
  async remove(id: string): Promise<void> {
    if (id === demoConnectionId) throw new UserError('invalid_input', 'The demo server cannot be removed.');
    await this.ensureLoaded();
    if (!this.entries.delete(id)) throw new UserError('not_found', 'That server is no longer in the list.');
    await this.persist();
  }

  private demoInfo(): ConnectionInfo {
    return {
      id: demoConnectionId,
      name: 'Demo server',
      kind: 'demo',
      host: '127.0.0.1',
      port: this.demo?.port ?? 0,
      user: 'postgres',
      database: 'datatweets',
      sslmode: 'disable',
      hasPassword: true,
      saved: false,
    };
  }

  private ensureLoaded(): Promise<void> {
    // why: a failed read (a folder Warden may not enter yet, say) is not remembered; the next call tries again.
    this.loaded ??= this.store.load().then(({ connections: saved, problem }) => {
      this.problem = problem;
      for (const s of saved) {
        this.entries.set(s.id, {
          info: { id: s.id, name: s.name, kind: 'server', host: s.host, port: s.port, user: s.user, database: s.database, sslmode: s.sslmode, saved: true },
          password: this.unseal(s.sealedPassword),
        });
      }
    }, (err: unknown) => {
      this.loaded = undefined;
      throw new UserError('server_error', `The saved servers could not be read: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.loaded;
  }

  private unseal(sealed: string | undefined): string | undefined {
    if (sealed === undefined || !this.sealer) return undefined;
    try {
      return this.sealer.unseal(sealed);
    } catch {
      return undefined;
    }
  }

  private async persist(): Promise<void> {
    const saved: SavedConnection[] = [];
    for (const e of this.entries.values()) {
      if (!e.info.saved) continue;
      const { id, name, host, port, user, database, sslmode } = e.info;
      // why: without a keychain (browser mode) the password is simply not stored.
      const sealedPassword = e.password !== undefined && this.sealer ? this.sealer.seal(e.password) : undefined;
      saved.push({ id, name, host, port, user, database, sslmode, ...(sealedPassword ? { sealedPassword } : {}) });
    }
    await this.store.save(saved);
  }
}
