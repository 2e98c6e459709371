import { readFile } from 'node:fs/promises';

/** One secret found in one file. */
export interface Leak {
  path: string;
  secret: string;
}

/** Every (file, secret) pair where the secret appears in the file's text: scripts, server logs. */
export async function findLeaks(paths: readonly string[], secrets: readonly string[]): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    for (const secret of secrets) if (secret !== '' && text.includes(secret)) leaks.push({ path, secret });
  }
  return leaks;
}
