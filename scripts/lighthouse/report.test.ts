import { describe, expect, it } from 'vitest';
import { markdownTable, median, type RunResult } from './report';

const run = (performance: number, tbtMs: number, failing: Record<string, string> = {}): RunResult => ({
  scores: { performance, accessibility: 1, bestPractices: 1, seo: 0.92 },
  tbtMs,
  lcpMs: 2500,
  fcpMs: 1200,
  cls: 0,
  scriptBytes: 200 * 1024,
  fontBytes: 30 * 1024,
  unusedScriptBytes: 10 * 1024,
  failing,
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('markdownTable', () => {
  it('shows the median of each column and the audits that failed in any run', () => {
    const table = markdownTable([
      {
        page: '/ar',
        runs: [
          run(0.9, 300),
          run(0.7, 900, { canonical: 'Document does not have a valid rel=canonical' }),
          run(0.8, 100),
        ],
      },
    ]);
    const row = table.split('\n')[2];
    expect(row).toBe('| `/ar` | 80 | 100 | 100 | 92 | 300 | 2.5 | 1.2 | 0.000 | 200 | 10 | 30 |');
    expect(table).toContain('- `/ar`: canonical (Document does not have a valid rel=canonical), 1/3 runs');
  });
});
