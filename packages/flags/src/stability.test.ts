import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stabilityIds } from './flags.test-support';
import { stabilityEvaluations } from './stability.test-support';

const script = fileURLToPath(new URL('./stability.test-support.ts', import.meta.url));

describe('stability across processes', () => {
  it('gives a plain node process the same buckets and variants as this one', () => {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      // A different time zone and locale must not matter.
      env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const child = JSON.parse(stdout) as ReturnType<typeof stabilityEvaluations>;
    const here = stabilityEvaluations();

    expect(Object.keys(here)).toEqual(['stability.ten-percent', 'stability.three-way']);
    for (const rows of Object.values(here)) expect(rows).toHaveLength(stabilityIds().length);
    expect(stabilityIds().length).toBe(1000);
    // Every variant really occurs, so the comparison is not between two constant lists.
    expect(new Set(here['stability.three-way']!.map(([, v]) => v))).toEqual(
      new Set(['control', 'blue', 'green']),
    );
    expect(child).toEqual(here);
  });
});
