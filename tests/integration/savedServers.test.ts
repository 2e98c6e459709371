import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend/backend';
import { makeTempDir } from '../support/tempDir';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
let backend: Backend | undefined;

interface ListReply {
  connections: { id: string; kind: string; name: string }[];
  savedServersProblem: string | null;
}

async function list(b: Backend): Promise<ListReply> {
  const r = await b.dispatch('connections.list', {});
  if (!r.ok) throw new Error(`connections.list failed: ${r.error.message}`);
  return r.value as ListReply;
}

const saved = (name: string) =>
  JSON.stringify({ version: 1, connections: [{ id: 'a1', name, host: '127.0.0.1', port: 5432, user: 'u', database: 'd', sslmode: 'disable' }] });

beforeAll(async () => {
  dir = await makeTempDir('saved');
  dataDir = join(dir.path, 'data');
  await mkdir(dataDir, { recursive: true });
});
afterAll(async () => {
  await backend?.close();
  await dir.remove();
});

async function freshBackend(): Promise<Backend> {
  await backend?.close();
  backend = createBackend({ dataDir, mode: 'browser', version: '0.0.0-test', sealer: null });
  return backend;
}

describe('a corrupt connections.json', () => {
  it.each([
    ['not JSON', '{"version": 1, "connections": [', /it is not valid JSON/],
    ["not in Warden's format", '{"version": 7, "servers": {}}', /it is not in Warden's format/],
  ])('(%s) is named in plain words, kept aside as connections.json.corrupt-<time>, and the demo still shows', async (_what, text, why) => {
    const file = join(dataDir, 'connections.json');
    await writeFile(file, text);
    const b = await freshBackend();
    const reply = await list(b);
    expect(reply.connections.map((c) => c.kind)).toEqual(['demo']);
    expect(reply.savedServersProblem).toMatch(why);
    expect(reply.savedServersProblem).toContain(file);
    const aside = (await readdir(dataDir)).filter((f) => f.startsWith('connections.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^connections\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(reply.savedServersProblem).toContain(aside[0]);
    expect(await readFile(join(dataDir, aside[0] ?? ''), 'utf8')).toBe(text);
    // Saving a server now starts a new file; the set-aside copy stays as it was.
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
    await rm(join(dataDir, aside[0] ?? ''));
  });

  it('a file that cannot be read at all is reported, and not remembered as a failure', async () => {
    const file = join(dataDir, 'connections.json');
    await mkdir(file); // reading a folder fails (EISDIR), as an unreadable file would
    const b = await freshBackend();
    const first = await list(b);
    expect(first.connections.map((c) => c.kind)).toEqual(['demo']);
    expect(first.savedServersProblem).toMatch(/^The saved servers could not be read: .*EISDIR/);
    await rm(file, { recursive: true });
    await writeFile(file, saved('Kept server'));
    const second = await list(b);
    expect(second.savedServersProblem).toBeNull();
    expect(second.connections.map((c) => c.name)).toEqual(['Demo server', 'Kept server']);
  });
});
