import { Worker } from 'node:worker_threads';
import type { Output } from '../../../shared/api/contract';
import type { CatalogSnapshot } from '../../../shared/catalog/snapshot';
import { JsonReply } from '../dispatcher';
import { untilCancelled, type RequestTracker } from '../requests';
import type { Acknowledgement } from './acknowledgements';
import { findingsAnswerSchema, type FindingsTask } from './findingsProtocol';
import { listFindings } from './listFindings';

type FindingsReply = Output<'findings.list'>;

interface Waiting {
  resolve: (reply: JsonReply<FindingsReply>) => void;
  reject: (err: Error) => void;
}

/**
 * Computes findings.list off the main thread: one worker_thread (a pool of one), started on
 * first use and reused; tasks queue in its port and run one at a time. The worker also checks
 * the reply with the contract's schema and writes it as JSON, which the dispatcher and the
 * transports pass on as is.
 * Without a worker script (the tests that do not need one) the rules run here, on the caller's thread.
 */
export class FindingsPool {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;

  /** `script`: the built findingsWorker.js (electron-vite's main output), or null to compute in-process. */
  constructor(
    private readonly script: URL | null,
    private readonly requests?: RequestTracker,
  ) {}

  /** findings.list's reply for a snapshot; Cancel stops waiting for it (the worker finishes the task). */
  list(snapshot: CatalogSnapshot, currentUser: string, acks: ReadonlyMap<string, Acknowledgement>, now: Date = new Date()): Promise<FindingsReply | JsonReply<FindingsReply>> {
    if (this.script === null) return Promise.resolve(listFindings(snapshot, currentUser, acks, now));
    const worker = this.worker ?? this.spawn(this.script);
    const id = ++this.next;
    const answer = new Promise<JsonReply<FindingsReply>>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
    });
    // why: a busy worker keeps the process alive; an idle one must not (a test, a CLI run ending).
    worker.ref();
    // why: the snapshot is plain data, copied by structured clone (no JSON text in between).
    worker.postMessage({ id, snapshot, currentUser, acks: [...acks], now: now.getTime() } satisfies FindingsTask);
    const signal = this.requests?.current()?.signal;
    return signal === undefined ? answer : untilCancelled(answer, signal);
  }

  /** Stops the worker; tasks still waiting fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('Warden is shutting down.'));
    await worker?.terminate();
  }

  private spawn(script: URL): Worker {
    const worker = new Worker(script);
    worker.unref();
    worker.on('message', (message: unknown) => this.answer(worker, message));
    worker.on('error', (err: Error) => this.lost(worker, err));
    worker.on('exit', (code: number) => this.lost(worker, new Error(`The findings worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, message: unknown): void {
    const parsed = findingsAnswerSchema.safeParse(message);
    if (!parsed.success) return this.lost(worker, new Error('The findings worker answered something it should not.'));
    const task = this.waiting.get(parsed.data.id);
    if (task === undefined) return;
    this.waiting.delete(parsed.data.id);
    if (this.waiting.size === 0) worker.unref();
    // why: the worker checked the reply with findings.list's output schema before writing it.
    if (parsed.data.ok) task.resolve(new JsonReply<FindingsReply>(parsed.data.json));
    else task.reject(new Error(parsed.data.message));
  }

  /** A worker that failed or stopped: its tasks fail, and the next task starts a new one. */
  private lost(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    this.failAll(err);
  }

  private failAll(err: Error): void {
    for (const task of this.waiting.values()) task.reject(err);
    this.waiting.clear();
  }
}
