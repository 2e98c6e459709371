#!/usr/bin/env node
// `npm test`: lint, typecheck, unit + integration (real PostgreSQL), build, e2e (real
// Chromium). Ends with one line "N passed, N failed" counting tests and the checks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const resultsDir = join(root, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
/** Skipped tests by name: each names its reason (a leg that cannot run here). */
const skippedNames = [];

function step(name, cmd, args) {
  const began = Date.now();
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(`   ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function check(name, cmd, args) {
  if (step(name, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

function vitest(project) {
  const out = join(resultsDir, `${project}.json`);
  const ok = step(`${project} tests`, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    failed += 1;
    failures.push(`${project} (no results)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'skipped' || t.status === 'pending' || t.status === 'todo') skippedNames.push(`${project}: ${t.fullName}`);
    }
  }
  if (r.numFailedTests > 0 || (!ok && r.numFailedTests === 0)) {
    if (r.numFailedTests === 0) failed += 1; // a suite that crashed outside any test
    failures.push(project);
  }
  if (r.numTotalTests === 0) {
    failed += 1;
    failures.push(`${project} (ran no test)`);
  }
}

check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('typecheck (e2e)', bin('tsc'), ['-p', 'tsconfig.e2e.json', '--noEmit']);
vitest('unit');
vitest('integration');
check('build', bin('electron-vite'), ['build', '--logLevel', 'warn']);
vitest('e2e');

if (skippedNames.length > 0) console.log(`\nSkipped (with their reasons):\n${skippedNames.map((n) => `  - ${n}`).join('\n')}`);
console.log(`\n${failures.length ? `Failed: ${failures.join(', ')}` : 'All tiers passed.'}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
