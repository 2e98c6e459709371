import { cp, lstat, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPgBinaries } from '../../src/main/demo/pgBinaries';
import { accountCan, isRoot, reachableBinDir, serverAccount } from '../../src/main/demo/runAs';

const hidden = mkdtemp(join(tmpdir(), 'warden-hidden-bins-'));
afterAll(async () => rm(await hidden, { recursive: true, force: true }));

// why: only root runs PostgreSQL as another OS user; elsewhere nothing is copied.
describe.runIf(isRoot())('the PostgreSQL binaries copied for the postgres OS user (run as root)', () => {
  it('go to a fresh private directory made by mkdtemp, checked and removed afterwards', async () => {
    const account = serverAccount();
    const bins = await loadPgBinaries();
    // Binaries under a 0700 folder of root's, as node_modules under /root would be.
    const native = join(await hidden, 'native');
    await cp(dirname(dirname(bins.postgres)), native, { recursive: true, verbatimSymlinks: true });
    const unreachable = join(native, 'bin', 'postgres');
    expect(accountCan(account, '-x', unreachable)).toBe(false);

    const first = await reachableBinDir(account, unreachable);
    const second = await reachableBinDir(account, unreachable);
    try {
      expect(first.binDir).not.toBe(second.binDir);
      for (const copy of [first, second]) {
        const top = dirname(dirname(copy.binDir));
        expect(dirname(top)).toBe(tmpdir());
        expect(top).toMatch(/warden-pg-runtime-\w{6}$/);
        const info = await lstat(top);
        expect(info.isSymbolicLink()).toBe(false);
        expect(info.uid).toBe(0);
        expect(info.mode & 0o777).toBe(0o711);
        expect(accountCan(account, '-x', join(copy.binDir, 'postgres'))).toBe(true);
        expect(accountCan(account, '-w', copy.binDir)).toBe(false);
      }
    } finally {
      await first.remove();
      await second.remove();
    }
    await expect(stat(dirname(dirname(first.binDir)))).rejects.toThrow(/ENOENT/);
  });

  it('are not copied when the postgres user can run them where they are', async () => {
    const bins = await loadPgBinaries();
    const runnable = await reachableBinDir(serverAccount(), bins.postgres);
    expect(runnable.binDir).toBe(dirname(bins.postgres));
  });
});
