import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const ackSchema = z.object({ reason: z.string(), at: z.string() });
/** A finding accepted on purpose: why, and when. */
export type Acknowledgement = z.infer<typeof ackSchema>;
const fileSchema = z.object({ version: z.literal(1), servers: z.record(z.string(), z.record(z.string(), ackSchema)) });
type AckFile = z.infer<typeof fileSchema>;

/**
 * Acknowledged findings, kept per server (connection id) in one file of the data folder,
 * readable by this OS user only; writes are serialized and atomic.
 */
export class AcknowledgementStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  private async read(): Promise<AckFile> {
    const text = await readFile(this.file, 'utf8').catch((err: unknown) => {
      if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return null;
      throw err;
    });
    if (text === null) return { version: 1, servers: {} };
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The acknowledged findings file ${this.file} is not in Warden's format.`);
    return parsed.data;
  }

  /** The acknowledgements of one server, by finding key. */
  async forServer(connectionId: string): Promise<ReadonlyMap<string, Acknowledgement>> {
    await this.queue;
    return new Map(Object.entries((await this.read()).servers[connectionId] ?? {}));
  }

  /** Sets (reason non-null) or removes (null) one acknowledgement. */
  set(connectionId: string, key: string, ack: Acknowledgement | null): Promise<void> {
    const run = this.queue.then(async () => {
      const data = await this.read();
      const server = Object.entries(data.servers[connectionId] ?? {}).filter(([k]) => k !== key);
      if (ack !== null) server.push([key, ack]);
      data.servers[connectionId] = Object.fromEntries(server);
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
      await rename(tmp, this.file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
