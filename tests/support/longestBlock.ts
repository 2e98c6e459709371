/**
 * Runs `work` while a timer ticks every `everyMs` on this thread, and returns the longest time
 * the thread went without running the timer: how long it could answer nothing else.
 */
export async function longestBlock<T>(work: () => Promise<T>, everyMs = 5): Promise<{ value: T; blockedMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
  }, everyMs);
  try {
    const value = await work();
    longest = Math.max(longest, performance.now() - last);
    return { value, blockedMs: longest };
  } finally {
    clearInterval(timer);
  }
}
