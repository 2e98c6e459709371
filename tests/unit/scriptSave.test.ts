import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, desktopOnlyMethods, methods } from '../../src/shared/api/contract';
import type { Envelope } from '../../src/shared/api/envelope';
import { UserError } from '../../src/shared/api/errors';
import { saveScript, scriptExportMode, type ScriptSaver } from '../../src/main/backend/scriptSave';
import { createScriptSaver, safeScriptFileName, writePrivateFile, type SaveDialogOptions } from '../../src/main/electron/scriptSaver';
import { startHttpTransport, type HttpTransport } from '../../src/main/transports/http';
import { signIn, type SignedInClient } from '../support/httpSignIn';
import { makeTempDir } from '../support/tempDir';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir('script-save');
});
afterAll(async () => {
  await dir.remove();
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('the Electron saver (dialog + private file), with a fake dialog', () => {
  it('asks where with a .sql file name in the documents folder, then writes the script there with mode 0600', async () => {
    const target = join(dir.path, 'chosen.sql');
    const showSaveDialog = vi.fn<(o: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>>(() =>
      Promise.resolve({ canceled: false, filePath: target }),
    );
    const save = createScriptSaver({ showSaveDialog, writeFile: writePrivateFile, defaultDir: '/home/dba/Documents' });
    await expect(save({ fileName: 'warden-changes.sql', script: 'GRANT SELECT ON TABLE t TO r;\n' })).resolves.toEqual({ outcome: 'saved', path: target });
    const options = showSaveDialog.mock.calls[0]?.[0];
    expect(options?.defaultPath).toBe('/home/dba/Documents/warden-changes.sql');
    expect(options?.filters[0]).toEqual({ name: 'SQL script', extensions: ['sql'] });
    expect(options?.properties).toContain('showOverwriteConfirmation');
    expect(await readFile(target, 'utf8')).toBe('GRANT SELECT ON TABLE t TO r;\n');
    expect(await modeOf(target)).toBe(0o600);
  });

  it('writes nothing when the dialog is cancelled or gives no path', async () => {
    const write = vi.fn<(path: string, text: string) => Promise<void>>(() => Promise.resolve());
    for (const answer of [{ canceled: true, filePath: '/x.sql' }, { canceled: false }, { canceled: false, filePath: '' }]) {
      const save = createScriptSaver({ showSaveDialog: () => Promise.resolve(answer), writeFile: write, defaultDir: '/d' });
      await expect(save({ fileName: 'a.sql', script: 'x' })).resolves.toEqual({ outcome: 'cancelled' });
    }
    expect(write).not.toHaveBeenCalled();
  });

  it('turns a failed write into plain words', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const save = createScriptSaver({
      showSaveDialog: () => Promise.resolve({ canceled: false, filePath: '/root/x.sql' }),
      writeFile: () => Promise.reject(denied),
      defaultDir: '/d',
    });
    const failure = save({ fileName: 'x.sql', script: '' });
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('/root/x.sql') as unknown });
  });

  it('writePrivateFile narrows an existing file to 0600', async () => {
    const path = join(dir.path, 'existing.sql');
    await writeFile(path, 'old', { mode: 0o644 });
    await writePrivateFile(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o600);
  });

  it('reduces a suggested name to a plain .sql file name', () => {
    expect(safeScriptFileName('warden-changes.sql')).toBe('warden-changes.sql');
    expect(safeScriptFileName('../../etc/passwd')).toBe('passwd.sql');
    expect(safeScriptFileName('C:\\Users\\x\\evil.SQL')).toBe('evil.SQL');
    expect(safeScriptFileName('a\u0000b\nc')).toBe('abc.sql');
    expect(safeScriptFileName('...')).toBe('warden-changes.sql');
    expect(safeScriptFileName('')).toBe('warden-changes.sql');
  });
});

describe('script.save in the backend', () => {
  it('is offered as a dialog only when the shell wires a saver in', () => {
    expect(scriptExportMode(null)).toBe('download');
    const saver: ScriptSaver = () => Promise.resolve({ outcome: 'cancelled' });
    expect(scriptExportMode(saver)).toBe('dialog');
  });

  it('forwards to the saver, and refuses in browser mode (no saver)', async () => {
    const saver = vi.fn<ScriptSaver>(() => Promise.resolve({ outcome: 'saved', path: '/p.sql' }));
    await expect(saveScript(saver, { fileName: 'a.sql', script: 'x' })).resolves.toEqual({ outcome: 'saved', path: '/p.sql' });
    await expect(saveScript(null, { fileName: 'a.sql', script: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('is in the contract and listed as desktop-only', () => {
    expect(methods).toContain('script.save');
    expect(desktopOnlyMethods.has('script.save')).toBe(true);
    expect(api['script.save'].input.safeParse({ fileName: '', script: '' }).success).toBe(false);
  });
});

describe('the HTTP transport and desktop-only methods', () => {
  let http: HttpTransport;
  let client: SignedInClient;
  const dispatch = vi.fn((method: unknown): Promise<Envelope<unknown>> => Promise.resolve({ ok: true, value: { method } }));

  beforeAll(async () => {
    http = await startHttpTransport({ dispatch, staticDir: dir.path, port: 0 });
    client = await signIn(http.signInUrl());
  });
  afterAll(async () => {
    await http.close();
  });

  const call = (method: string) => client.invoke(method, { fileName: 'x.sql', script: 'DROP TABLE users;' });

  it('refuses every file-writing method before it reaches the dispatcher', async () => {
    for (const method of desktopOnlyMethods) {
      const r = await call(method);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('still forwards the other methods', async () => {
    const r = await call('app.info');
    expect(r.status).toBe(200);
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});
