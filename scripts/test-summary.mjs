// Prints per-layer test counts and one closing line "N passed, N failed" for CI log readers.
// Exits non-zero when any step failed or any test failed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, failedSteps = ''] = process.argv.slice(2);
const read = (f) => (existsSync(join(dir, f)) ? JSON.parse(readFileSync(join(dir, f), 'utf8')) : null);

const layers = [];
for (const name of ['unit', 'integration']) {
  const r = read(`${name}.json`);
  if (r) layers.push({ name, passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests });
}
const e2e = read('e2e.json');
if (e2e) {
  const s = e2e.stats;
  layers.push({ name: 'e2e', passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped });
}

console.log('\nTest summary');
for (const l of layers) console.log(`  ${l.name.padEnd(12)} ${l.passed} passed, ${l.failed} failed, ${l.skipped} skipped`);
const passed = layers.reduce((n, l) => n + l.passed, 0);
const failed = layers.reduce((n, l) => n + l.failed, 0);
if (failedSteps.trim()) console.log(`  failed steps: ${failedSteps}`);
const ok = failed === 0 && !failedSteps.trim() && layers.length === 3;
if (layers.length !== 3 && !failedSteps.trim()) console.log('  missing results for some layer');
console.log(`${passed} passed, ${failed + (ok ? 0 : failed === 0 ? 1 : 0)} failed`);
process.exit(ok ? 0 : 1);
