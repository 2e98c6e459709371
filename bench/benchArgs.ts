/** The command line of a bench entry: `--name value` options, medians of timed runs. */
export interface BenchArgs {
  /** The value after `--name`, or `fallback`. */
  arg: (name: string, fallback: string) => string;
  /** Catalog keys of `--sizes` (`none`: in-memory catalogs only). */
  sizes: (fallback: string) => string[];
  runs: number;
  /** Median time of `fn` in ms over `runs` runs after two warm-up runs. */
  time: (fn: () => void) => number;
}

/** The median of a list (NaN when empty). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Reads the bench's arguments (`--runs` defaults to 7). */
export function benchArgs(args: readonly string[] = process.argv.slice(2)): BenchArgs {
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
  };
  const runs = Number(arg('runs', '7'));
  return {
    arg,
    runs,
    // why: `--sizes none` measures the in-memory catalog only (no cluster to start).
    sizes: (fallback) =>
      arg('sizes', fallback)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '' && s !== 'none'),
    time(fn) {
      for (let i = 0; i < 2; i++) fn();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        fn();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      return median(times);
    },
  };
}
