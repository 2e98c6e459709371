import { describe, expect, it } from 'vitest';
import { RunOnce } from './runOnce';

describe('RunOnce', () => {
  it('runs one at a time: a second call while the first runs is dropped', async () => {
    const guard = new RunOnce();
    let runs = 0;
    let finish: () => void = () => undefined;
    const slow = () => new Promise<string>((resolve) => {
      runs += 1;
      finish = () => resolve('done');
    });
    const first = guard.run('apply', slow);
    expect(guard.busy).toBe(true);
    expect(await guard.run('apply', slow)).toBeUndefined();
    expect(await guard.run('other', slow)).toBeUndefined();
    finish();
    expect(await first).toBe('done');
    expect(runs).toBe(1);
    expect(guard.busy).toBe(false);
  });

  it('drops the same action repeated right after it ended, not a different one, nor one later', async () => {
    let now = 1000;
    const guard = new RunOnce(1500, () => now);
    let runs = 0;
    const quick = () => Promise.resolve((runs += 1));
    expect(await guard.run('script A', quick)).toBe(1);
    now += 300;
    expect(await guard.run('script A', quick)).toBeUndefined();
    expect(await guard.run('script B', quick)).toBe(2);
    now += 2000;
    expect(await guard.run('script B', quick)).toBe(3);
  });

  it('lets the action run again after a failure', async () => {
    let now = 0;
    const guard = new RunOnce(1500, () => now);
    await expect(guard.run('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    now += 2000;
    expect(await guard.run('x', () => Promise.resolve('yes'))).toBe('yes');
  });
});
