/**
 * Lets one run of an action through at a time, and drops a repeat of the same action that
 * comes right after the last one ended (the second click of a double click on a button whose
 * action ends at once, such as a browser download).
 */
export class RunOnce {
  private running = false;
  private last: { key: string; at: number } | null = null;

  constructor(
    private readonly repeatMs = 1500,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** True while a run is in progress. */
  get busy(): boolean {
    return this.running;
  }

  /** Runs `fn` unless a run is in progress or the same `key` ended moments ago; resolves undefined when dropped. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    if (this.last !== null && this.last.key === key && this.clock() - this.last.at < this.repeatMs) return undefined;
    this.running = true;
    try {
      return await fn();
    } finally {
      this.running = false;
      this.last = { key, at: this.clock() };
    }
  }
}
