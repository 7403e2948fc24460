/** One Lighthouse run of one page, reduced to what the table shows. */
export type RunResult = {
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  cls: number;
  scriptBytes: number;
  fontBytes: number;
  unusedScriptBytes: number;
  /** Audits of accessibility, best practices and SEO that did not pass (id: title). */
  failing: Record<string, string>;
};

export type PageResult = { page: string; runs: RunResult[] };

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const score = (value: number) => String(Math.round(value * 100));

/**
 * The markdown table: every column is the median of that column over the page's runs (a median per
 * metric, as Lighthouse CI does), followed by the non-performance audits that failed in any run.
 */
export function markdownTable(results: PageResult[]): string {
  const header = [
    '| page | performance | accessibility | best practices | SEO | TBT (ms) | LCP (s) | FCP (s) | CLS | JS (KiB) | unused JS (KiB) | fonts (KiB) |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  const rows = results.map(({ page, runs }) => {
    const m = (pick: (run: RunResult) => number) => median(runs.map(pick));
    return `| \`${page}\` | ${[
      score(m((r) => r.scores.performance)),
      score(m((r) => r.scores.accessibility)),
      score(m((r) => r.scores.bestPractices)),
      score(m((r) => r.scores.seo)),
      m((r) => r.tbtMs).toFixed(0),
      seconds(m((r) => r.lcpMs)),
      seconds(m((r) => r.fcpMs)),
      m((r) => r.cls).toFixed(3),
      kib(m((r) => r.scriptBytes)),
      kib(m((r) => r.unusedScriptBytes)),
      kib(m((r) => r.fontBytes)),
    ].join(' | ')} |`;
  });
  const misses = results.flatMap(({ page, runs }) => {
    const counts = new Map<string, { title: string; runs: number }>();
    for (const run of runs) {
      for (const [id, title] of Object.entries(run.failing)) {
        counts.set(id, { title, runs: (counts.get(id)?.runs ?? 0) + 1 });
      }
    }
    return [...counts].map(
      ([id, { title, runs: n }]) => `- \`${page}\`: ${id} (${title}), ${n}/${runs.length} runs`,
    );
  });
  const footer = misses.length > 0 ? ['', 'Failed audits outside performance:', '', ...misses] : [];
  return [...header, ...rows, ...footer].join('\n');
}
