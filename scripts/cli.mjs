#!/usr/bin/env node
// `npm run --silent cli -- matrix --url postgres://…`: builds when the sources changed
// (messages on stderr only, so stdout holds nothing but the command's output), then runs
// out/main/cli.js with the arguments and passes on its exit status.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

buildIfStale({ outputs: ['main/cli.js'], log: (m) => console.error(m), buildStdout: 2 });
const child = spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
