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

/** Reads and writes the saved servers file; a corrupt file is reported, not silently dropped. */
export class ConnectionStore {
  constructor(private readonly file: string) {}

  /** The saved servers (none when the file does not exist yet). */
  async load(): Promise<SavedConnection[]> {
    const text = await readFile(this.file, 'utf8').catch((err: unknown) => {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) return [];
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The saved servers file ${this.file} is not in Warden's format.`);
    return parsed.data.connections;
  }

  /** Replaces the saved servers atomically, readable by this OS user only. */
  async save(connections: SavedConnection[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, connections }, null, 2), { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
