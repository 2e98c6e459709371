import { open, stat } from 'node:fs/promises';
import type { TestServer } from './testServer';

/** The SQL text only loadCatalog sends (its pg_default_acl read): one per catalog read. */
export const catalogReadMark = 'defaclobjtype::text AS objtype';

/** The server log from `offset` on, once the server has stopped writing to it for a moment. */
async function logFrom(file: string, offset: number): Promise<string> {
  // why: the server appends as it logs; wait until the size holds still for 200 ms.
  let size = (await stat(file)).size;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = (await stat(file)).size;
    if (now === size) break;
    size = now;
  }
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * How many statements holding `text` the server logged while `work` ran (the test clusters log
 * every statement: testClusterSettings). Throws for a server without a log file (WARDEN_TEST_PG_URL).
 */
export async function statementsDuring<T>(server: TestServer, text: string, work: () => Promise<T>): Promise<{ value: T; count: number }> {
  const file = server.logFile;
  if (file === null) throw new Error('This server has no log file to count statements in.');
  const offset = (await stat(file)).size;
  const value = await work();
  const logged = await logFrom(file, offset);
  return { value, count: logged.split(text).length - 1 };
}
