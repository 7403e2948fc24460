// Prints per-layer test counts and one closing line "N passed, N failed" for CI log readers.
// Exits non-zero when any step failed, any test failed, or a layer produced no results.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, failedSteps = ''] = process.argv.slice(2);
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);
const print = (line) => process.stdout.write(`${line}\n`);

const layers = [];
for (const name of ['unit', 'integration']) {
  const r = read(`${name}.json`);
  if (r) {
    layers.push({
      name,
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    });
  }
}
const e2e = read('e2e.json');
if (e2e) {
  const s = e2e.stats;
  layers.push({ name: 'e2e', passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped });
}

print('\nTest summary');
for (const l of layers)
  print(`  ${l.name.padEnd(12)} ${l.passed} passed, ${l.failed} failed, ${l.skipped} skipped`);
const problems = [];
if (failedSteps.trim()) problems.push(`failed steps: ${failedSteps}`);
if (layers.length !== 3) problems.push('a test layer produced no results');
for (const p of problems) print(`  ${p}`);

const passed = layers.reduce((n, l) => n + l.passed, 0);
// A failed step with no failed test (lint, typecheck, build) still counts as one failure.
const failed = Math.max(
  layers.reduce((n, l) => n + l.failed, 0),
  problems.length > 0 ? 1 : 0,
);
print(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
