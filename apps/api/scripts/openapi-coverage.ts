/**
 * `pnpm openapi:coverage`: which documented operation × status pairs the newest integration run
 * exercised (recorded by openapi-conformance.test-support.ts), per operation, and the totals.
 * A report, not a gate: some answers (a dead dependency's 503, a 500) are tested elsewhere or
 * not at all.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_DIR } from '../src/openapi-conformance.test-support';
import { buildOpenApiDocument } from '../src/openapi-export';

type Operation = { operationId: string; responses: Record<string, unknown> };

const runs = existsSync(COVERAGE_DIR)
  ? readdirSync(COVERAGE_DIR)
      .map((name) => join(COVERAGE_DIR, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  : [];
const newest = runs[0];
if (!newest) {
  console.error('No coverage recorded yet: run the integration suite (pnpm test:integration) first.');
  process.exit(1);
}
const seen = new Set(
  readdirSync(newest).flatMap((file) => readFileSync(join(newest, file), 'utf8').split('\n').filter(Boolean)),
);
const doc = await buildOpenApiDocument();
let documented = 0;
let exercised = 0;
let operationsTouched = 0;
const lines: string[] = [];
for (const item of Object.values(doc.paths as Record<string, Record<string, Operation>>)) {
  for (const operation of Object.values(item)) {
    const statuses = Object.keys(operation.responses);
    const hit = statuses.filter((status) => seen.has(`${operation.operationId} ${status}`));
    documented += statuses.length;
    exercised += hit.length;
    if (hit.length > 0) operationsTouched += 1;
    const missing = statuses.filter((status) => !hit.includes(status));
    lines.push(
      `${operation.operationId.padEnd(40)} ${hit.join(' ') || '-'}${missing.length ? `   (not seen: ${missing.join(' ')})` : ''}`,
    );
  }
}
console.info(lines.join('\n'));
console.info(
  `\n${operationsTouched}/${lines.length} operations and ${exercised}/${documented} documented responses exercised (run ${newest}).`,
);
