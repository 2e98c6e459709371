import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/shared/api/errors';
import type { ExportStatus } from '../../src/shared/api/contract';
import { ExportJobs, exportInternalMessage, type ExportWorkerHandle } from '../../src/main/backend/export/exportJobs';
import type { ExportJobSpec } from '../../src/main/backend/export/exportProtocol';
import { openFileSink, type ExportSink } from '../../src/main/backend/export/exportSink';
import { createCsvFileChooser, type SaveDialogOptions } from '../../src/main/electron/scriptSaver';
import { makeTempDir } from '../support/tempDir';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir('csv-jobs');
});
afterAll(async () => {
  await dir.remove();
});

const spec: ExportJobSpec = { params: { host: 'h', port: 5432, user: 'u', database: 'd', sslmode: 'disable' }, database: 'd', schema: null, connectTimeoutSeconds: 1 };
const bytes = (text: string) => new TextEncoder().encode(text);

/** A worker thread stand-in: the test posts its messages and sees its credits. */
class FakeWorker extends EventEmitter implements ExportWorkerHandle {
  credits = 0;
  terminated = false;
  postMessage(): void {
    this.credits++;
  }
  terminate(): Promise<number> {
    this.terminated = true;
    this.emit('exit', 1);
    return Promise.resolve(1);
  }
  say(message: unknown): void {
    this.emit('message', message);
  }
}

/** A sink that records, and lets the test decide when a write is taken. */
function heldSink() {
  const written: string[] = [];
  const pending: (() => void)[] = [];
  const events: string[] = [];
  const sink: ExportSink = {
    write: (chunk) =>
      new Promise<void>((resolve) => {
        written.push(new TextDecoder().decode(chunk));
        pending.push(resolve);
      }),
    finish: () => {
      events.push('finish');
      return Promise.resolve();
    },
    abort: () => {
      events.push('abort');
      return Promise.resolve();
    },
  };
  return { sink, written, events, release: () => pending.splice(0).forEach((r) => r()) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Jobs over one fake worker, with a download claimed into a held sink. */
function running() {
  const worker = new FakeWorker();
  const logged: unknown[] = [];
  const jobs = new ExportJobs(() => worker, (err) => logged.push(err));
  const id = jobs.forDownload(spec, 'd-privileges.csv');
  const claim = jobs.claim(id);
  if (claim === null) throw new Error('not claimed');
  const held = heldSink();
  claim.start(held.sink);
  return { worker, jobs, id, held, logged, status: (): ExportStatus => jobs.status(id) };
}

describe('the CSV exports (ExportJobs) over a fake worker', () => {
  it('credits a chunk back only once the sink took it (backpressure), and finishes after the last write', async () => {
    const { worker, held, status } = running();
    worker.say({ type: 'chunk', bytes: bytes('role,schema\n') });
    worker.say({ type: 'chunk', bytes: bytes('a,b\n') });
    worker.say({ type: 'progress', progress: { rolesDone: 1, rolesTotal: 2, rows: 1 } });
    await tick();
    expect(worker.credits).toBe(0);
    expect(status()).toMatchObject({ state: 'running', rolesDone: 1, rolesTotal: 2, rows: 1, bytes: 16 });
    held.release();
    await tick();
    held.release();
    await tick();
    expect(worker.credits).toBe(2);
    worker.say({ type: 'done', rows: 1 });
    await tick();
    expect(held.written.join('')).toBe('role,schema\na,b\n');
    expect(held.events).toEqual(['finish']);
    expect(status()).toMatchObject({ state: 'done', message: null });
    expect(worker.terminated).toBe(true);
  });

  it('a download is claimed once', () => {
    const { jobs, id } = running();
    expect(jobs.claim(id)).toBeNull();
    expect(jobs.claim('unknown')).toBeNull();
  });

  it('Cancel ends the worker and aborts the sink; a second Cancel finds it ended', async () => {
    const { worker, jobs, id, held, status } = running();
    worker.say({ type: 'chunk', bytes: bytes('x') });
    expect(await jobs.cancel(id, 'Stopped.')).toBe(true);
    expect(worker.terminated).toBe(true);
    expect(held.events).toEqual(['abort']);
    expect(status()).toMatchObject({ state: 'cancelled', message: 'Stopped.' });
    expect(await jobs.cancel(id)).toBe(false);
  });

  it("shows a UserError's words, hides others behind plain words and logs them", async () => {
    const plain = running();
    plain.worker.say({ type: 'error', message: 'The database "d" has no schema called "x".', plain: true });
    await tick();
    expect(plain.status()).toMatchObject({ state: 'failed', message: 'The database "d" has no schema called "x".' });
    expect(plain.logged).toEqual([]);
    expect(plain.held.events).toEqual(['abort']);
    const bug = running();
    bug.worker.say({ type: 'error', message: 'TypeError: x is undefined', plain: false });
    await tick();
    expect(bug.status()).toMatchObject({ state: 'failed', message: exportInternalMessage });
    expect(bug.logged).toHaveLength(1);
  });

  it('a worker that exits or sends nonsense fails the export in plain words', async () => {
    const exited = running();
    exited.worker.emit('exit', 137);
    await tick();
    expect(exited.status()).toMatchObject({ state: 'failed', message: 'The CSV export stopped before it ended (its worker exited with code 137).' });
    const odd = running();
    odd.worker.say({ type: 'chunk', bytes: 'not bytes' });
    await tick();
    expect(odd.status()).toMatchObject({ state: 'failed', message: exportInternalMessage });
  });

  it('a sink that fails (the disk is full) fails the export with its words', async () => {
    const worker = new FakeWorker();
    const jobs = new ExportJobs(() => worker, () => undefined);
    const id = jobs.forDownload(spec, 'x.csv');
    const events: string[] = [];
    jobs.claim(id)?.start({
      write: () => Promise.reject(new UserError('internal', 'The disk of /x.csv is full (ENOSPC); free some space or choose another disk.')),
      finish: () => Promise.resolve(),
      abort: () => {
        events.push('abort');
        return Promise.resolve();
      },
    });
    worker.say({ type: 'chunk', bytes: bytes('x') });
    await tick();
    await tick();
    expect(jobs.status(id)).toMatchObject({ state: 'failed', message: 'The disk of /x.csv is full (ENOSPC); free some space or choose another disk.' });
    expect(events).toEqual(['abort']);
    expect(worker.terminated).toBe(true);
  });

  it('refuses more exports than its limit, and without a worker build, in plain words', () => {
    const jobs = new ExportJobs(() => new FakeWorker(), () => undefined, { maxActive: 2 });
    jobs.forDownload(spec, 'a.csv');
    jobs.forDownload(spec, 'b.csv');
    expect(() => jobs.forDownload(spec, 'c.csv')).toThrow('2 CSV exports are running already; wait for one to end, or cancel one.');
    expect(() => new ExportJobs(null, () => undefined).forDownload(spec, 'a.csv')).toThrow(/no export worker/);
  });

  it('forgets a download the browser never began', () => {
    vi.useFakeTimers();
    try {
      const jobs = new ExportJobs(() => new FakeWorker(), () => undefined, { waitMs: 1000, keepMs: 5000 });
      const id = jobs.forDownload(spec, 'a.csv');
      vi.advanceTimersByTime(1001);
      expect(jobs.status(id)).toMatchObject({ state: 'failed', message: 'The download did not begin within a minute; click Download CSV again.' });
      expect(jobs.claim(id)).toBeNull();
      vi.advanceTimersByTime(5001);
      expect(() => jobs.status(id)).toThrow(/no such export/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the file sink (the desktop path)', () => {
  it('writes into a hidden temp file and renames it into place, private to its owner', async () => {
    const folder = join(dir.path, 'ok');
    await mkdir(folder);
    const path = join(folder, 'out.csv');
    const sink = await openFileSink(path);
    await sink.write(bytes('a,b\n'));
    const during = await readdir(folder);
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\.out\.csv\.[0-9a-f]{12}\.part$/);
    await sink.write(bytes('c,d\n'));
    await sink.finish();
    expect(await readdir(folder)).toEqual(['out.csv']);
    expect(await readFile(path, 'utf8')).toBe('a,b\nc,d\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('abort leaves nothing, and an older file of that name as it was', async () => {
    const folder = join(dir.path, 'abort');
    await mkdir(folder);
    const path = join(folder, 'out.csv');
    await writeFile(path, 'older');
    const sink = await openFileSink(path);
    await sink.write(bytes('half'));
    await sink.abort();
    expect(await readdir(folder)).toEqual(['out.csv']);
    expect(await readFile(path, 'utf8')).toBe('older');
  });

  it('a folder that is gone: plain words naming the path', async () => {
    const folder = join(dir.path, 'gone');
    await mkdir(folder);
    const path = join(folder, 'out.csv');
    const sink = await openFileSink(path);
    await rm(folder, { recursive: true });
    await expect(sink.finish()).rejects.toMatchObject({ code: 'not_found', message: `The folder of ${path} does not exist any more; choose another one.` });
    await expect(openFileSink(path)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the CSV file chooser (the desktop save dialog), with a fake dialog', () => {
  it('offers the CSV name in the documents folder, and answers null when closed', async () => {
    const showSaveDialog = vi.fn<(o: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>>(() => Promise.resolve({ canceled: false, filePath: '/home/dba/x.csv' }));
    const choose = createCsvFileChooser({ showSaveDialog, defaultDir: '/home/dba/Documents' });
    expect(await choose('datatweets-privileges.csv')).toBe('/home/dba/x.csv');
    const options = showSaveDialog.mock.calls[0]?.[0];
    expect(options?.defaultPath).toBe('/home/dba/Documents/datatweets-privileges.csv');
    expect(options?.filters[0]).toEqual({ name: 'CSV', extensions: ['csv'] });
    expect(options?.properties).toContain('showOverwriteConfirmation');
    expect(await createCsvFileChooser({ showSaveDialog: () => Promise.resolve({ canceled: false, filePath: '../x' }), defaultDir: '/d' })('../../etc/passwd')).toBe('../x');
    const offered = vi.fn<(o: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>>(() => Promise.resolve({ canceled: true }));
    expect(await createCsvFileChooser({ showSaveDialog: offered, defaultDir: '/d' })('../../etc/passwd')).toBeNull();
    expect(offered.mock.calls[0]?.[0].defaultPath).toBe('/d/passwd.csv');
  });
});
