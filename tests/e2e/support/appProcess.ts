import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/** A browser-mode Warden started the way `npm run serve` starts it (from the built out/). */
export interface RunningApp {
  url: string;
  output: () => string;
  /** Resolves with the log line that says the demo server is ready. */
  demoReady: Promise<string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  child: ChildProcess;
}

/** Starts out/main/serve.js on a free port with its own data folder, and waits for its URL. */
export function startApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js')], {
    cwd: root,
    env: { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_PORT: '0', WARDEN_NO_OPEN: '1', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let onReady: (line: string) => void = () => undefined;
  const demoReady = new Promise<string>((resolve) => (onReady = resolve));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Warden printed no URL within 60 s:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /Demo server ready[^\n]*/.exec(log);
      if (ready) onReady(ready[0]);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/sign-in\?code=[\w-]+)/.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          output: () => log,
          demoReady,
          child,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Warden exited (${code}) before printing its URL:\n${log}`));
    });
  });
}
