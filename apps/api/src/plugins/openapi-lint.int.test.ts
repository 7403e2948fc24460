import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.test-support';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../../..');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
// Offline: no usage telemetry, no update check.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

let t: TestApp;
let dir: string;
let file: string;
beforeAll(async () => {
  // The document as a deployment serves it: read through the web gateway of a real host (the
  // servers of a test run, localhost, are what `no-server-example.com` rightly refuses).
  t = await buildTestApp({ APP_URL: 'https://app.groundwork.dev', TRUST_PROXY: 'loopback' });
  dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  file = join(dir, 'openapi.json');
  const headers = {
    'x-forwarded-host': 'app.groundwork.dev',
    'x-forwarded-proto': 'https',
    'x-forwarded-prefix': '/api',
  };
  writeFileSync(file, (await t.app.inject({ url: '/openapi.json', headers })).body);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

/** The linters' own exit codes and reports: anything but a clean document fails with the list. */
describe('OpenAPI document lint (ADR 0027)', () => {
  it('passes Redocly (redocly.yaml) with no error and no warning', async () => {
    const result = await run(
      bin('redocly'),
      ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('passes Spectral (.spectral.yaml) with no problem of any severity', async () => {
    const result = await run(
      bin('spectral'),
      [
        'lint',
        file,
        '--ruleset',
        join(ROOT, '.spectral.yaml'),
        '--fail-severity',
        'hint',
        '--format',
        'text',
      ],
      { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout: string; stderr: string; code: number }) => error);
    expect(`${result.stdout}${result.stderr}`.trim()).toMatch(
      /No results with a severity of 'hint' or higher found!/,
    );
  }, 120_000);
});
