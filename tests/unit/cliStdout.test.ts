import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OutputClosedError } from '../../src/main/cli/run';
import { stdoutWriter } from '../../src/main/cli/stdout';

// The CLI's stdout writer on a real OS pipe whose reader stops early, as `| head -c` does.

describe('stdoutWriter', () => {
  it('resolves once the pipe took each chunk, and throws OutputClosedError once the reader has gone', async () => {
    const head = spawn('head', ['-c', '100000'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const write = stdoutWriter(head.stdin, () => new OutputClosedError());
    const line = `${'x'.repeat(99)}\n`.repeat(100);
    let written = 0;
    let waited = 0;
    let error: unknown = null;
    try {
      for (let i = 0; i < 100_000; i++) {
        await write(line);
        waited++;
        written += line.length;
      }
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OutputClosedError);
    expect(written).toBeGreaterThanOrEqual(100_000);
    expect(written).toBeLessThan(100 * 1024 * 1024);
    expect(waited * line.length).toBe(written);
  });
});
