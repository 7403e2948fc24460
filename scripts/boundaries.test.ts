import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Boundaries that used to be conventions only (docs/architecture.md, "Layers and import rules"),
 * checked over the source as text so they hold for files no test imports.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

const SKIP_DIRS = new Set(['node_modules', 'dist', '.next', 'generated', 'e2e', 'test-results']);
/**
 * Tests, and the helpers only tests use: one naming scheme (docs/testing.md, "Helpers and
 * fixtures"): `<name>.test.ts`, `<name>.int.test.ts`, `<name>.test-support.ts`.
 */
const isTest = (name: string) => /\.(int\.)?test\.tsx?$|\.test-support\.tsx?$/.test(name);
const isTestSupport = (path: string) => /\.test-support(\.tsx?)?$/.test(path);

/** Shipped TypeScript sources under `dir` (tests, test support and generated code left out unless asked). */
function sources(dir: string, { withTests = false } = {}): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...sources(path, { withTests }));
    } else if (
      /\.(ts|tsx)$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts') &&
      (withTests || !isTest(entry.name))
    ) {
      out.push(path);
    }
  }
  return out;
}

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(code: string): string[] {
  const text = stripComments(code);
  const found = [
    ...text.matchAll(/\b(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] as string);
}

const APPS = ['api', 'web', 'worker'];
const appSources = APPS.flatMap((app) => sources(join(ROOT, 'apps', app, 'src')));
const packageSources = readdirSync(join(ROOT, 'packages')).flatMap((pkg) =>
  sources(join(ROOT, 'packages', pkg, 'src')),
);

describe('configuration is read in one place per process', () => {
  /**
   * Where process.env may be read, and why. Everything else takes its settings from the Zod
   * schema of its app (env.ts) or from @repo/config, so a variable is validated and documented
   * once (.env.example is checked against the schemas).
   */
  const ALLOWED: Record<string, string> = {
    'apps/api/src/env.ts': "the API's environment schema",
    'apps/worker/src/env.ts': "the worker's environment schema",
    'apps/web/src/env.ts': "the web server's environment schema",
    'apps/web/src/instrumentation.ts': 'NEXT_RUNTIME, set by Next.js itself, not configuration',
    'packages/config/src/load.ts': 'the loader every schema goes through',
    'packages/devstack/src/cli.ts': 'the dev/start runner passes the environment on to the apps',
    'packages/devstack/src/cli/output.ts': 'terminal colours (NO_COLOR, FORCE_COLOR)',
    'packages/devstack/src/types.ts': 'the runner, as above',
    'packages/db/src/cli.ts': 'a command-line tool (pnpm db:*)',
    'packages/db/src/backup/pg-tools.ts': 'pg_dump/pg_restore child processes inherit the environment',
    'packages/db/src/migrations/schema-diff.ts': "Prisma's CLI, run as a child process",
    'packages/testing/src/env.ts': 'the test harness hands each test file its services',
    'packages/testing/src/global-setup.ts': 'the test harness, as above',
    'packages/testing/src/setup.ts': 'the test harness, as above',
    'packages/testing/src/mailbox.ts': 'the test harness, as above',
  };

  it('reads process.env only in env schemas, the config loader and the tooling that runs processes', () => {
    const readers = [...appSources, ...packageSources]
      .filter((file) => /\bprocess\.env\b/.test(stripComments(readFileSync(file, 'utf8'))))
      .map(rel);
    expect(readers.filter((file) => !(file in ALLOWED))).toEqual([]);
  });

  it('has no stale entry in its allow-list', () => {
    for (const file of Object.keys(ALLOWED)) {
      expect(/\bprocess\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')), file).toBe(true);
    }
  });
});

describe('apps never import each other', () => {
  it('imports no other app, by package name or by path', () => {
    const offending: string[] = [];
    for (const file of appSources) {
      const own = rel(file).split('/')[1];
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const byName = /^@repo\/(api|web|worker)(\/|$)/.exec(spec)?.[1];
        const byPath = spec.startsWith('.')
          ? rel(resolve(dirname(file), spec)).match(/^apps\/([^/]+)/)?.[1]
          : null;
        const other = byName ?? byPath;
        if (other && other !== own) offending.push(`${rel(file)} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('the API is layered', () => {
  it('keeps plugins/ and lib/ below the feature modules: neither imports modules/', () => {
    const offending: string[] = [];
    for (const layer of ['plugins', 'lib']) {
      for (const file of sources(join(ROOT, 'apps/api/src', layer))) {
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('.') && rel(resolve(dirname(file), spec)).startsWith('apps/api/src/modules/')) {
            offending.push(`${rel(file)} → ${spec}`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('writes audit rows only through @repo/audit, in the API and the worker alike', () => {
    const offending = appSources
      .filter((file) =>
        /\.auditLog\.(create|createMany|upsert|update|updateMany)\(/.test(readFileSync(file, 'utf8')),
      )
      .map(rel);
    expect(offending).toEqual([]);
  });
});

describe('API feature modules meet only through their public surface', () => {
  const API = join(ROOT, 'apps/api/src');
  const MODULES = join(API, 'modules');
  const features = readdirSync(MODULES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  /** The feature folder a path lies in, and the rest of the path ('' for the folder itself). */
  function featureOf(path: string): { name: string; inner: string } | null {
    const [name = '', ...inner] = relative(MODULES, path).split(sep);
    return features.includes(name) ? { name, inner: inner.join('/') } : null;
  }

  /** Relative imports that land in a feature module other than the importing file's own. */
  function crossModuleImports(files: string[]) {
    const found: { file: string; spec: string; from: string | null; to: string; inner: string }[] = [];
    for (const file of files) {
      const from = featureOf(file)?.name ?? null;
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = featureOf(resolve(dirname(file), spec));
        if (target && target.name !== from) found.push({ file, spec, from, to: target.name, ...target });
      }
    }
    return found;
  }

  it('gives every module an index.ts, its public surface', () => {
    expect(features.filter((name) => !existsSync(join(MODULES, name, 'index.ts')))).toEqual([]);
  });

  /**
   * `'../sessions'`, never `'../sessions/sessions.service'` nor `'../sessions/index'`: one form
   * everywhere. Tests may also use another module's test support (`*.test-support.ts`); within
   * its own module a file imports what it likes.
   */
  it('imports another module only through its index.ts (tests also through its *.test-support.ts)', () => {
    const offending = crossModuleImports(sources(API, { withTests: true }))
      .filter(({ file, inner }) => inner !== '' && !(isTest(file) && isTestSupport(inner)))
      .map(({ file, spec, to }) => `${rel(file)} → ${spec} (import its index: '…/${to}')`);
    expect(offending).toEqual([]);
  });

  it('has no cycles between modules (shipped code; tests left out)', () => {
    const graph = new Map<string, Set<string>>(features.map((name) => [name, new Set<string>()]));
    for (const { from, to } of crossModuleImports(sources(MODULES))) if (from) graph.get(from)?.add(to);
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      if (done.has(node)) return;
      for (const next of [...(graph.get(node) ?? [])].sort()) visit(next, [...path, node]);
      done.add(node);
    };
    for (const name of features) visit(name, []);
    expect(cycles).toEqual([]);
  });
});

describe('test helpers follow one naming scheme', () => {
  it('names every helper that uses vitest or @repo/testing <name>.test-support.ts', () => {
    const offending = [...appSources, ...packageSources]
      .filter((file) => !rel(file).startsWith('packages/testing/'))
      .filter((file) =>
        importsOf(readFileSync(file, 'utf8')).some((spec) => /^(vitest|@repo\/testing)(\/|$)/.test(spec)),
      )
      .map(rel);
    expect(offending).toEqual([]);
  });

  it('keeps test support out of shipped code', () => {
    const offending: string[] = [];
    for (const file of [...appSources, ...packageSources]) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (isTestSupport(spec) || spec.endsWith('/test-support')) offending.push(`${rel(file)} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('client components stay client-safe', () => {
  const WEB = join(ROOT, 'apps/web/src');
  /** Packages that hold credentials or open connections: never in a browser bundle. */
  const SERVER_PACKAGES =
    /^(@repo\/(db|queue|observability|devstack|testing)|server-only|next\/headers|pg|ioredis|bullmq)(\/|$)/;

  /** A local import resolved to its file (relative or the `@/` alias), or null for packages. */
  function resolveLocal(from: string, spec: string): string | null {
    const base = spec.startsWith('@/')
      ? join(WEB, spec.slice(2))
      : spec.startsWith('.')
        ? resolve(dirname(from), spec)
        : null;
    if (!base) return null;
    for (const candidate of [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      join(base, 'index.ts'),
      join(base, 'index.tsx'),
    ]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return null;
  }

  const isClient = (code: string) => /^\s*['"]use client['"]/.test(stripComments(code).trimStart());

  it('never reach @repo/db, a connection package or a server-only module, however indirectly', () => {
    const offending: string[] = [];
    for (const entry of sources(WEB).filter((file) => isClient(readFileSync(file, 'utf8')))) {
      const seen = new Set<string>();
      const queue: [string, string[]][] = [[entry, [rel(entry)]]];
      while (queue.length > 0) {
        const [file, chain] = queue.shift() as [string, string[]];
        if (seen.has(file)) continue;
        seen.add(file);
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          if (SERVER_PACKAGES.test(spec)) {
            offending.push(`${chain.join(' → ')} → ${spec}`);
            continue;
          }
          const local = resolveLocal(file, spec);
          if (local && !isTest(local)) queue.push([local, [...chain, rel(local)]]);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('bench/ uses the apps and packages as a consumer would', () => {
  it('imports them by package name (their exports), never by a relative path into apps/ or a package’s src/', () => {
    const offending: string[] = [];
    for (const file of sources(join(ROOT, 'bench'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = rel(resolve(dirname(file), spec));
        if (/^apps\//.test(target) || /^packages\/[^/]+\/src(\/|$)/.test(target)) {
          offending.push(`${rel(file)} → ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('organization rules live in @repo/organizations', () => {
  it('leaves the worker no organization or membership rows to write by hand', () => {
    const offending = sources(join(ROOT, 'apps/worker/src'))
      .filter((file) =>
        /\.(organization|membership)\.(create|createMany|upsert|update|updateMany|delete|deleteMany)\(/.test(
          stripComments(readFileSync(file, 'utf8')),
        ),
      )
      .map(rel);
    expect(offending).toEqual([]);
  });

  it('spells the personal organization (its `personal-<id>` slug) nowhere else: apps and seed call the package', () => {
    const offending = [...appSources, join(ROOT, 'prisma/seed.ts')]
      .filter((file) => /['"`]personal-/.test(stripComments(readFileSync(file, 'utf8'))))
      .map(rel);
    expect(offending).toEqual([]);
  });
});
