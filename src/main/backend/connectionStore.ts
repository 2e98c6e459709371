import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sslModeSchema } from '../../shared/connections/params';

const savedSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  sslmode: sslModeSchema,
  /** The password sealed by the OS keychain (Electron safeStorage); never plaintext. */
  sealedPassword: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), connections: z.array(savedSchema) });

/** A remembered server, as kept on disk. */
export type SavedConnection = z.infer<typeof savedSchema>;

/** What load() found: the saved servers, and a plain-words problem when the file was unreadable. */
export interface LoadedConnections {
  connections: SavedConnection[];
  problem: string | null;
}

/** Reads and writes the saved servers file; a corrupt file is reported and kept aside, never silently dropped. */
export class ConnectionStore {
  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The saved servers (none when the file does not exist yet). A file that is not JSON or
   * not in Warden's format is renamed to `connections.json.corrupt-<time>`, so the user
   * keeps it and the next save does not overwrite it, and its problem is returned.
   */
  async load(): Promise<LoadedConnections> {
    const text = await readFile(this.file, 'utf8').catch((err: unknown) => {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) return { connections: [], problem: null };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.setAside('it is not valid JSON');
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) return this.setAside("it is not in Warden's format");
    return { connections: parsed.data.connections, problem: null };
  }

  /** Replaces the saved servers atomically, readable by this OS user only. */
  async save(connections: SavedConnection[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, connections }, null, 2), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  private async setAside(why: string): Promise<LoadedConnections> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.corrupt-${stamp}`;
    await rename(this.file, aside);
    return {
      connections: [],
      problem: `The saved servers file ${this.file} could not be read (${why}). It was kept as ${aside}; Warden starts without saved servers.`,
    };
  }
}
