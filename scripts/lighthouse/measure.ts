import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { RunResult } from './report';

type Audit = {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  details?: unknown;
};
type Category = { score: number | null; auditRefs: { id: string; weight: number }[] };

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * One Lighthouse run with its default configuration, which is the mobile preset (a Moto G
 * Power-sized screen, simulated slow 4G and a 4× slower CPU). Each run gets a fresh browser so
 * no cache or service worker carries over.
 */
export async function measure(
  url: string,
  chromePath: string,
  headers: Record<string, string>,
  saveReport?: (json: string) => void,
): Promise<RunResult> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      extraHeaders: headers,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr as unknown as {
      runtimeError?: { message: string };
      finalDisplayedUrl: string;
      categories: Record<string, Category>;
      audits: Record<string, Audit>;
    };
    saveReport?.(typeof result.report === 'string' ? result.report : JSON.stringify(result.lhr));
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    return toRunResult(lhr.categories, lhr.audits);
  } finally {
    chrome.kill();
  }
}

function toRunResult(categories: Record<string, Category>, audits: Record<string, Audit>): RunResult {
  const category = (id: string) => categories[id]?.score ?? 0;
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  const summary =
    (audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] })
      ?.items ?? [];
  const transferred = (type: string) => summary.find((item) => item.resourceType === type)?.transferSize ?? 0;
  const unused = audits['unused-javascript']?.details as { overallSavingsBytes?: number } | undefined;

  const failing: Record<string, string> = {};
  for (const id of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of categories[id]?.auditRefs ?? []) {
      const audit = audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing[ref.id] = audit.title;
    }
  }
  return {
    scores: {
      performance: category('performance'),
      accessibility: category('accessibility'),
      bestPractices: category('best-practices'),
      seo: category('seo'),
    },
    tbtMs: numeric('total-blocking-time'),
    lcpMs: numeric('largest-contentful-paint'),
    fcpMs: numeric('first-contentful-paint'),
    cls: numeric('cumulative-layout-shift'),
    scriptBytes: transferred('script'),
    fontBytes: transferred('font'),
    unusedScriptBytes: unused?.overallSavingsBytes ?? 0,
    failing,
  };
}
