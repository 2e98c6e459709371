import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';

// Whole processes, as a DBA runs them: `cli matrix` (the built out/main/cli.js) against
// `psql -X -c '\dp *.*'`, output to /dev/null, wall time and peak RSS from /usr/bin/time.

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Wall seconds and peak RSS (MB) of one run of `argv`, its stdout thrown away. */
function timed(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ seconds: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const child = spawn('/usr/bin/time', ['-f', '%e %M', ...argv], { stdio: ['ignore', devNull, 'pipe'], env });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(devNull);
      const last = err.trim().split('\n').pop() ?? '';
      const m = /^([\d.]+) (\d+)$/.exec(last);
      if (code !== 0 || !m) return reject(new Error(`${argv.slice(0, 3).join(' ')} failed (${code}): ${err.trim().slice(-400)}`));
      resolve({ seconds: Number(m[1]), rssMb: Number(m[2]) / 1024 });
    });
  });
}

/** Lines `cli matrix` prints (the CSV's rows, header left out). */
function countRows(cli: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'matrix', '--url', url, '--format', 'csv'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', () => resolve(lines - 1));
  });
}

/** One table row: cli csv s | cli RSS | cli jsonl s | psql s | psql RSS | ratio | rows. */
export async function timeProcesses(url: string, runs: number): Promise<string> {
  const cli = join(process.cwd(), 'out', 'main', 'cli.js');
  if (!existsSync('/usr/bin/time')) return 'no /usr/bin/time here | | | | | |';
  if (!existsSync(cli)) return 'out/main/cli.js is not built | | | | | |';
  const csv: { seconds: number; rssMb: number }[] = [];
  const jsonl: { seconds: number; rssMb: number }[] = [];
  const psql: { seconds: number; rssMb: number }[] = [];
  // why: one warm-up of each, then runs taken in turn so that a busy moment hits all three alike.
  for (let i = -1; i < runs; i++) {
    const a = await timed([process.execPath, cli, 'matrix', '--url', url, '--format', 'csv']);
    const b = await timed([process.execPath, cli, 'matrix', '--url', url, '--format', 'jsonl']);
    const c = await timed(['psql', '-X', '-q', '-c', '\\dp *.*', url]).catch((err: unknown) => {
      console.error(`psql: ${err instanceof Error ? err.message : String(err)}`);
      return { seconds: NaN, rssMb: NaN };
    });
    if (i < 0) continue;
    csv.push(a);
    jsonl.push(b);
    psql.push(c);
  }
  const s = (xs: { seconds: number }[]) => median(xs.map((x) => x.seconds));
  const mb = (xs: { rssMb: number }[]) => median(xs.map((x) => x.rssMb));
  const rows = await countRows(cli, url);
  return [s(csv).toFixed(2), mb(csv).toFixed(0), s(jsonl).toFixed(2), s(psql).toFixed(2), mb(psql).toFixed(0), `${(s(csv) / s(psql)).toFixed(2)}×`, rows.toLocaleString('en')].join(' | ');
}
