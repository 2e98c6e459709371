import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ExportStatus } from '../../../shared/api/contract';
import { UserError } from '../../../shared/api/errors';
import type { ExportProgress } from '../../../shared/privileges/matrixExport';
import { isExportWorkerMessage, type ExportCredit, type ExportJobSpec } from './exportProtocol';
import { openFileSink, type ExportSink } from './exportSink';

/** As much of a worker thread as the jobs use (node's Worker; unit tests pass a fake). */
export interface ExportWorkerHandle {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: ExportCredit): void;
  terminate(): Promise<number>;
}

/** Starts an export worker for a job (the built exportWorker.js; tests build it from source). */
export type SpawnExportWorker = (spec: ExportJobSpec) => ExportWorkerHandle;

/** The spawner of the built worker at `url` (out/main/exportWorker.js beside the entry). */
export function exportWorkerAt(url: URL): SpawnExportWorker {
  return (spec) => new Worker(url, { workerData: spec });
}

/** A browser-mode download claimed by its GET: the route streams it into the response. */
export interface DownloadClaim {
  fileName: string;
  /** Runs the export into `sink` (the response, its headers sent). */
  start(sink: ExportSink): void;
  /** Stops it (the browser went away before the end). */
  cancel(message: string): void;
}

/** What browser mode's download route needs: a waiting download by its id, once. */
export interface DownloadSource {
  claim(jobId: string): DownloadClaim | null;
}

/** How long things live; tests shorten them. */
export interface ExportLimits {
  /** A download not begun by the browser within this is dropped. */
  waitMs: number;
  /** An ended export's status is kept this long. */
  keepMs: number;
  /** Exports running or waiting at once. */
  maxActive: number;
}

const defaultLimits: ExportLimits = { waitMs: 60_000, keepMs: 10 * 60_000, maxActive: 3 };

/** The words of a failure that is a bug; the error itself goes to the log. */
export const exportInternalMessage = 'Something went wrong inside Warden while writing the CSV; details are in its log.';

interface Job {
  readonly id: string;
  readonly fileName: string;
  readonly path: string | null;
  readonly spec: ExportJobSpec;
  status: ExportStatus;
  claimed: boolean;
  /** Stops a running export (worker ended, sink aborted); null once it ended. */
  stop: ((message: string) => Promise<void>) | null;
  timer: NodeJS.Timeout | null;
}

/**
 * The CSV exports of the backend: each one a worker thread (exportWorker.ts) that reads
 * the catalog and writes the CLI's CSV into a sink, a file chosen first (desktop) or the
 * response of a download (browser mode), at the pace the sink takes it. Status and Cancel
 * by id; ended exports are forgotten after a while.
 */
export class ExportJobs implements DownloadSource {
  private readonly jobs = new Map<string, Job>();
  private readonly limits: ExportLimits;

  constructor(
    private readonly spawn: SpawnExportWorker | null,
    private readonly logError: (err: unknown) => void,
    limits: Partial<ExportLimits> = {},
  ) {
    this.limits = { ...defaultLimits, ...limits };
  }

  /** Starts an export into the file at `path` (chosen by the user); its id. */
  async toFile(spec: ExportJobSpec, fileName: string, path: string): Promise<string> {
    const job = this.add(spec, fileName, path);
    try {
      this.run(job, await openFileSink(path));
    } catch (err) {
      this.jobs.delete(job.id);
      throw err;
    }
    return job.id;
  }

  /** Registers an export that starts when the browser asks for its download; its id. */
  forDownload(spec: ExportJobSpec, fileName: string): string {
    const job = this.add(spec, fileName, null);
    job.status.state = 'waiting';
    job.timer = setTimeout(() => {
      if (!job.claimed) this.settle(job, 'failed', 'The download did not begin within a minute; click Download CSV again.');
    }, this.limits.waitMs);
    job.timer.unref();
    return job.id;
  }

  claim(jobId: string): DownloadClaim | null {
    const job = this.jobs.get(jobId);
    if (job === undefined || job.claimed || job.status.state !== 'waiting') return null;
    job.claimed = true;
    if (job.timer !== null) clearTimeout(job.timer);
    return {
      fileName: job.fileName,
      start: (sink) => this.run(job, sink),
      cancel: (message) => void this.cancel(jobId, message),
    };
  }

  /** Where an export is. */
  status(jobId: string): ExportStatus {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new UserError('not_found', 'Warden knows no such export: it ended a while ago, or Warden was restarted since.');
    return { ...job.status };
  }

  /** Stops an export; false when it had already ended. */
  async cancel(jobId: string, message = 'Cancelled.'): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return false;
    if (job.status.state === 'waiting') {
      this.settle(job, 'cancelled', message);
      return true;
    }
    if (job.stop === null) return false;
    await job.stop(message);
    return true;
  }

  /** Stops every export (Warden is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id, 'Warden was closed.')));
  }

  /** Throws, in plain words, when no export can start now (checked before the save dialog too). */
  assertRoom(): void {
    if (this.spawn === null) throw new UserError('not_ready', 'This build of Warden has no export worker, so it cannot write CSV files.');
    const active = [...this.jobs.values()].filter((j) => j.status.state === 'waiting' || j.status.state === 'running').length;
    if (active >= this.limits.maxActive) {
      throw new UserError('not_ready', `${this.limits.maxActive} CSV exports are running already; wait for one to end, or cancel one.`);
    }
  }

  private add(spec: ExportJobSpec, fileName: string, path: string | null): Job {
    this.assertRoom();
    const id = randomBytes(16).toString('base64url');
    const status: ExportStatus = { state: 'running', rolesDone: 0, rolesTotal: 0, rows: 0, bytes: 0, message: null, path };
    const job: Job = { id, fileName, path, spec, status, claimed: false, stop: null, timer: null };
    this.jobs.set(id, job);
    return job;
  }

  /** Ends a job's life: its last state and words, kept for status a while. */
  private settle(job: Job, state: 'done' | 'failed' | 'cancelled', message: string | null): void {
    job.status.state = state;
    job.status.message = message;
    job.stop = null;
    if (job.timer !== null) clearTimeout(job.timer);
    job.timer = setTimeout(() => this.jobs.delete(job.id), this.limits.keepMs);
    job.timer.unref();
  }

  /** A failure in words the user may see: a UserError's own, else the log gets it. */
  private words(err: unknown): string {
    if (err instanceof UserError) return err.message;
    this.logError(err);
    return exportInternalMessage;
  }

  /** Runs the worker into the sink: each chunk written, then a credit back; done after the sink finished. */
  private run(job: Job, sink: ExportSink): void {
    job.status.state = 'running';
    let phase: 'writing' | 'finishing' | 'over' = 'writing';
    let worker: ExportWorkerHandle | null = null;
    // why: a function, because the phase changes while a write is awaited.
    const over = () => phase === 'over';
    const stop = async (state: 'failed' | 'cancelled', message: string) => {
      if (over()) return;
      phase = 'over';
      this.settle(job, state, message);
      await worker?.terminate().catch(() => 0);
      await sink.abort().catch(() => undefined);
    };
    job.stop = (message) => stop('cancelled', message);
    const fail = (err: unknown) => void stop('failed', this.words(err));
    try {
      worker = this.spawnWorker(job.spec);
    } catch (err) {
      fail(err);
      return;
    }
    const w = worker;
    let writes: Promise<void> = Promise.resolve();
    w.on('message', (m: unknown) => {
      if (phase !== 'writing') return;
      if (!isExportWorkerMessage(m)) return fail(new Error('The export worker sent a message of an unknown shape.'));
      if (m.type === 'chunk') {
        job.status.bytes += m.bytes.length;
        writes = writes.then(async () => {
          if (over()) return;
          await sink.write(m.bytes);
          if (!over()) w.postMessage({ type: 'credit' } satisfies ExportCredit);
        });
        writes.catch(fail);
      } else if (m.type === 'progress') {
        this.progress(job, m.progress);
      } else if (m.type === 'error') {
        void stop('failed', m.plain ? m.message : this.words(new Error(m.message)));
      } else {
        phase = 'finishing';
        job.stop = null;
        void w.terminate().catch(() => 0);
        writes
          .then(() => sink.finish())
          .then(() => {
            phase = 'over';
            this.settle(job, 'done', null);
          })
          .catch((err: unknown) => {
            phase = 'writing';
            fail(err);
          });
      }
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (phase === 'writing') fail(new UserError('internal', `The CSV export stopped before it ended (its worker exited with code ${code}).`));
    });
  }

  private progress(job: Job, p: ExportProgress): void {
    job.status.rolesDone = p.rolesDone;
    job.status.rolesTotal = p.rolesTotal;
    job.status.rows = p.rows;
  }

  private spawnWorker(spec: ExportJobSpec): ExportWorkerHandle {
    if (this.spawn === null) throw new UserError('not_ready', 'This build of Warden has no export worker.');
    return this.spawn(spec);
  }
}
