import { describe, expect, it, vi } from 'vitest';
import type { Input, Output } from '../../../shared/api/contract';
import { exportFileName, exportScript, exportWords, settledWords, type ExportDeps } from './exportScript';

function deps(answer: Output<'script.save'>) {
  const save = vi.fn<(input: Input<'script.save'>) => Promise<Output<'script.save'>>>(() => Promise.resolve(answer));
  const download = vi.fn<(fileName: string, text: string) => void>();
  const d: ExportDeps = { save, download };
  return { d, save, download };
}

describe('exportScript', () => {
  it('uses the native save dialog when app.info says so, and never downloads', async () => {
    const { d, save, download } = deps({ outcome: 'saved', path: '/home/dba/warden-changes.sql' });
    await expect(exportScript('dialog', 'warden-changes.sql', 'SELECT 1;', d)).resolves.toEqual({ kind: 'saved', path: '/home/dba/warden-changes.sql' });
    expect(save).toHaveBeenCalledWith({ fileName: 'warden-changes.sql', script: 'SELECT 1;' });
    expect(download).not.toHaveBeenCalled();
  });

  it('reports a cancelled dialog', async () => {
    const { d } = deps({ outcome: 'cancelled' });
    const outcome = await exportScript('dialog', 'x.sql', '', d);
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(exportWords(outcome)).toBe('Export cancelled.');
  });

  it('downloads in browser mode, and before app.info has answered, without calling script.save', async () => {
    for (const mode of ['download', undefined] as const) {
      const { d, save, download } = deps({ outcome: 'cancelled' });
      await expect(exportScript(mode, 'warden-changes.sql', 'SELECT 1;', d)).resolves.toEqual({ kind: 'downloaded' });
      expect(download).toHaveBeenCalledWith('warden-changes.sql', 'SELECT 1;');
      expect(save).not.toHaveBeenCalled();
    }
  });

  it('says where a script was saved', () => {
    expect(exportWords({ kind: 'saved', path: '/tmp/a.sql' })).toBe('Saved to /tmp/a.sql');
    expect(exportWords({ kind: 'downloaded' })).toBeNull();
  });
});

describe('exportFileName', () => {
  it('carries the server, the database and the local time', () => {
    expect(exportFileName('demo', 'datatweets', new Date(2026, 11, 2, 14, 5))).toBe('warden-demo-datatweets-20261202-1405.sql');
    expect(exportFileName('Demo server', 'datatweets', new Date(2026, 11, 2, 14, 5))).toBe('warden-demo-server-datatweets-20261202-1405.sql');
  });

  it('keeps names with any characters out of paths and shell trouble', () => {
    expect(exportFileName('prod / eu "main"', '../Ünïcode db', new Date(2026, 0, 9, 8, 7))).toBe('warden-prod-eu-main-unicode-db-20260109-0807.sql');
    expect(exportFileName('***', '', new Date(2026, 0, 9, 8, 7))).toBe('warden-x-x-20260109-0807.sql');
  });
});

describe('settledWords', () => {
  it('says what reading the server again unstaged, with no vague rest', () => {
    expect(settledWords(4, 4)).toBe('Read the server again: all 4 staged changes are on the server now, so nothing is staged any more.');
    expect(settledWords(1, 1)).toBe('Read the server again: the staged change is on the server now, so nothing is staged any more.');
    expect(settledWords(0, 1)).toBe('Read the server again: the staged change is not on the server yet; it stays staged.');
    expect(settledWords(0, 3)).toBe('Read the server again: none of the 3 staged changes are on the server yet; all stay staged.');
    expect(settledWords(2, 3)).toBe('Read the server again: 2 of 3 staged changes are on the server now and were unstaged; 1 is not yet and stays staged.');
    expect(settledWords(1, 4)).toBe('Read the server again: 1 of 4 staged changes are on the server now and were unstaged; 3 are not yet and stay staged.');
  });
});
