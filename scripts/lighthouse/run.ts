/**
 * `pnpm lighthouse`: Lighthouse (mobile preset) against the production build, several runs per
 * page, and a markdown table of the medians. Not part of `pnpm test`: scores depend on the machine.
 * Usage and options: docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signedInCookie } from './account';
import { measure } from './measure';
import { markdownTable, type PageResult } from './report';
import { existingStack, type Stack, startStack } from './stack';

const root = fileURLToPath(new URL('../..', import.meta.url));

const DEFAULT_PAGES = ['/', '/ar', '/en/sign-in', '/en/sign-up', '/ar/sign-in', '/en/dashboard'];
/** Pages of the signed-in area: measured with the cookies of a fresh, verified account. */
const SIGNED_IN = /^\/[a-z]{2}\/(dashboard|settings|org|admin)(\/|$)/;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: DEFAULT_PAGES.join(',') },
    'stack-urls': { type: 'string' },
    ports: { type: 'string', default: '3300,4300,4301' },
    chrome: { type: 'string', default: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium' },
    out: { type: 'string' },
    reports: { type: 'string' },
  },
});

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const pages = values.pages
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const [web, api, workerHealth] = values.ports.split(',').map(Number);

async function main(): Promise<void> {
  if (!values['stack-urls']) console.info('starting the production stack (run `pnpm build` first)…');
  const stack: Stack = values['stack-urls']
    ? existingStack(values['stack-urls'])
    : await startStack(root, { web: web ?? 3300, api: api ?? 4300, workerHealth: workerHealth ?? 4301 });
  try {
    const results: PageResult[] = [];
    for (const page of pages) {
      const result: PageResult = { page, runs: [] };
      for (let i = 1; i <= runs; i++) {
        console.info(`${page}: run ${i}/${runs}`);
        // A fresh sign-in per run: the access cookie is short-lived and a run may outlast it.
        const headers: Record<string, string> = SIGNED_IN.test(page)
          ? { cookie: await signedInCookie(stack.webUrl, stack.mailInboxUrl) }
          : {};
        const save = values.reports ? saveReport(values.reports, page, i) : undefined;
        result.runs.push(await measure(new URL(page, stack.webUrl).href, values.chrome, headers, save));
      }
      results.push(result);
    }
    const note = await canonicalNote(stack.webUrl);
    const report = [
      ...(note ? [note, ''] : []),
      `Lighthouse ${lighthouseVersion()}, mobile preset, ${chromiumVersion(values.chrome)}, median of ${runs} run(s) per page, ${new Date().toISOString()}`,
      '',
      markdownTable(results),
      '',
    ].join('\n');
    process.stdout.write(`\n${report}`);
    if (values.out) writeFileSync(values.out, report);
  } finally {
    await stack.stop();
  }
}

/** Keeps each run's full Lighthouse JSON (open it in the Lighthouse viewer) under `--reports <dir>`. */
function saveReport(dir: string, page: string, run: number): (json: string) => void {
  mkdirSync(dir, { recursive: true });
  const name = page.replace(/^\/$/, 'root').replace(/^\//, '').replaceAll('/', '-');
  return (json) => writeFileSync(join(dir, `${name}-${run}.json`), json);
}

function lighthouseVersion(): string {
  return (
    (
      JSON.parse(execFileSync('pnpm', ['list', 'lighthouse', '--json'], { cwd: root, encoding: 'utf8' })) as {
        devDependencies?: { lighthouse?: { version: string } };
      }[]
    )[0]?.devDependencies?.lighthouse?.version ?? '?'
  );
}

function chromiumVersion(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/**
 * The marketing home is static HTML made by `next build`, with APP_URL's origin in its canonical
 * link (docs/deployment.md). Measured on another origin, Lighthouse's canonical audit fails for a
 * reason no deployment has; say so instead of letting the SEO column mislead.
 */
async function canonicalNote(webUrl: string): Promise<string | null> {
  const html = await (await fetch(new URL('/en', webUrl))).text();
  const href = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
  if (!href || new URL(href).origin === new URL(webUrl).origin) return null;
  return `Note: this build was made for APP_URL=${new URL(href).origin}, so the static home's canonical link points there and SEO's canonical audit fails on ${webUrl}. Build with APP_URL=${webUrl} to measure it.`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
