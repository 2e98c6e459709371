// `npm run --silent cli -- matrix --url postgres://…`: the command-line entry (built to
// out/main/cli.js by electron-vite; scripts/cli.mjs builds it when stale and runs it).
import { defineNodeNavigator } from './nodeNavigator';
import { stdoutWriter } from './stdout';

// why: before pg is imported (see defineNodeNavigator): the command itself is loaded after it.
defineNodeNavigator();
const { OutputClosedError, runCli } = await import('./run');

const stdout = stdoutWriter(process.stdout, () => new OutputClosedError());

// why: exitCode, not process.exit(): stdout is flushed before the process ends.
void runCli(process.argv.slice(2), { stdout, stderr: (text) => void process.stderr.write(text) }).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`warden: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
