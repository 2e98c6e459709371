import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const systemCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

// why: this network is closed; Chromium's background services would only fail noisily.
const quietArgs = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];
// why: @sparticuz/chromium is tuned for serverless; drop the flags that weaken web security.
const unsafeArgs = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

/** Launches a real Chromium: $CHROME_PATH, a system Chrome/Chromium, else the one @sparticuz/chromium ships. */
export async function launchChromium(): Promise<Browser> {
  const system = [process.env.CHROME_PATH, ...systemCandidates].find((p): p is string => !!p && existsSync(p));
  if (system) {
    return chromium.launch({ executablePath: system, headless: true, args: ['--no-sandbox', ...quietArgs] });
  }
  const { default: bundled } = await import('@sparticuz/chromium');
  return chromium.launch({
    executablePath: await bundled.executablePath(),
    headless: true,
    args: [...bundled.args.filter((a) => !unsafeArgs.has(a)), ...quietArgs],
  });
}
