import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * `pnpm gen feature <name>` (docs/architecture.md, "Adding a feature"; ADR 0025), for real: the
 * repository (tracked and uncommitted files) is copied into a scratch directory, the generator
 * runs there, and the result must pass what a forker would run next — Prisma generate, the
 * migration the printed steps name, Biome, the typecheck of every app, the message and boundary
 * unit tests, and the generated module's own integration test against a database migrated with
 * the new migration. Nothing is ever generated into this checkout.
 *
 * The inner integration run starts its own ephemeral services: the outer run's URLs are removed
 * from its environment, because @repo/testing drops and re-creates the template and `test_<n>`
 * databases by fixed names on whatever server DATABASE_URL names.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MINUTE = 60_000;

/** Files the generator edits in place: they must be untouched after a refused run. */
const EDITED = [
  'packages/contracts/src/index.ts',
  'packages/contracts/src/permissions.ts',
  'packages/contracts/src/audit-actions.ts',
  'prisma/schema.prisma',
  'apps/api/src/modules/index.ts',
  'apps/web/src/app/[locale]/(app)/_components/shell/nav-items.ts',
  'apps/web/src/app/[locale]/(app)/org/settings/api-keys/_components/scopes.ts',
  'apps/web/messages/en.json',
  'apps/web/messages/fr.json',
  'apps/web/messages/ar.json',
];

const GENERATED = [
  'packages/contracts/src/widget.ts',
  'apps/api/src/modules/widget/index.ts',
  'apps/api/src/modules/widget/widget.routes.ts',
  'apps/api/src/modules/widget/widget.service.ts',
  'apps/api/src/modules/widget/widget.int.test.ts',
  'apps/web/src/lib/api/widgets.ts',
  'apps/web/src/app/[locale]/(app)/org/settings/widgets/page.tsx',
  'apps/web/src/app/[locale]/(app)/org/settings/widgets/widgets-panel.tsx',
  'apps/web/src/app/[locale]/(app)/org/settings/widgets/widget-form.tsx',
  'docs/widgets.md',
];

/**
 * This process's environment without what the outer integration run put there (its services,
 * its per-worker database, its keys, vitest's own variables), so a child starts from what a
 * developer's shell would hold.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const outer = new Set([
    ...Object.keys(inject('devstack')),
    'DATABASE_URL',
    'REDIS_URL',
    'REDIS_PREFIX',
    'S3_ENDPOINT',
    'SMTP_URL',
    'MAIL_INBOX_URL',
    'OIDC_ISSUER_URL',
    'NODE_ENV',
    'LOG_LEVEL',
    'AUTH_JWT_SECRET',
    'TOTP_ENCRYPTION_KEY',
    'COOKIE_SECURE',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (outer.has(key) || key.startsWith('VITEST') || key.startsWith('S3_') || key.startsWith('OIDC_'))
      continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

interface Run {
  status: number | null;
  output: string;
}

/** Runs a command in `cwd`; `output` is stdout and stderr interleaved. */
function run(
  command: string,
  args: string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; timeout: number },
): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeout} ms]`;
      // The whole process group: pnpm, tsc, vitest and the services it started.
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeout);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output });
    });
  });
}

/** As run, and throws with the command's whole output unless it exits 0. */
async function mustRun(
  what: string,
  command: string,
  args: string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; timeout: number },
): Promise<string> {
  const started = Date.now();
  const result = await run(command, args, cwd, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (exit ${result.status}, ${seconds} s): ${command} ${args.join(' ')}\n` +
        `--- output ---\n${result.output}\n--- end of output ---`,
    );
  }
  timings.push(`${what}: ${seconds} s`);
  return result.output;
}
const timings: string[] = [];

/**
 * A copy of the working tree: every tracked or untracked-but-not-ignored file as it is now, the
 * packages' own node_modules (pnpm's relative symlinks keep working) and a root node_modules
 * whose entries point at this checkout's, except the workspace links (@repo), copied so they
 * resolve inside the copy, and caches, left out.
 */
function copyRepository(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'groundwork-gen-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter((file) => file && existsSync(join(ROOT, file)));
  const list = join(scratch, '.files');
  writeFileSync(list, `${files.join('\0')}\0`);
  const tar = spawnSync('bash', [
    '-c',
    'set -o pipefail; tar -C "$1" --null -T "$2" -cf - | tar -C "$3" -xf -',
    'tar',
    ROOT,
    list,
    scratch,
  ]);
  if (tar.status !== 0) throw new Error(`copying the tree failed: ${tar.stderr}`);
  rmSync(list);

  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(ROOT, group))) {
      const modules = join(ROOT, group, name, 'node_modules');
      if (existsSync(modules))
        cpSync(modules, join(scratch, group, name, 'node_modules'), {
          recursive: true,
          verbatimSymlinks: true,
        });
    }
  }
  const rootModules = join(scratch, 'node_modules');
  mkdirSync(rootModules);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.vite' || entry === '.vite-temp' || entry === '.cache') continue;
    const source = join(ROOT, 'node_modules', entry);
    if (entry === '@repo')
      cpSync(source, join(rootModules, entry), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(source, join(rootModules, entry));
  }
  return scratch;
}

/** Every file under `dir` (node_modules and build output aside) with a hash of its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.name === 'node_modules' || entry.name === '.next' || entry.name === 'generated') continue;
      if (entry.isDirectory()) walk(path);
      else if (!lstatSync(join(dir, path)).isSymbolicLink()) {
        out.set(
          path,
          createHash('sha256')
            .update(readFileSync(join(dir, path)))
            .digest('hex'),
        );
      }
    }
  };
  walk('');
  return out;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed = [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path);
  const removed = [...before.keys()].filter((path) => !after.has(path));
  return [...changed, ...removed].sort();
}

describe('pnpm gen feature', () => {
  let scratch: string;
  const gen = (name: string) =>
    run('pnpm', ['--silent', 'gen', 'feature', name], scratch, { timeout: 2 * MINUTE });

  beforeAll(() => {
    scratch = copyRepository();
  }, 2 * MINUTE);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    console.info(`generator test steps:\n  ${timings.join('\n  ')}`);
  });

  it(
    'refuses invalid, reserved and clashing names with a clear message, writing nothing',
    async () => {
      const before = snapshot(scratch);
      // One of each kind through the real command (generators/feature/*.test.ts cover the rules).
      const refusals: [string, RegExp][] = [
        ['9lives', /not a valid name/],
        ['widgets', /looks plural/],
        ['class', /reserved word/],
        ['session', /apps\/api\/src\/modules\/sessions already exists/],
      ];
      const results = await Promise.all(refusals.map(([name]) => gen(name)));
      for (const [i, [name, message]] of refusals.entries()) {
        const result = results[i] as Run;
        expect(result.status, `${name}:\n${result.output}`).not.toBe(0);
        expect(result.output, name).toMatch(message);
      }
      expect(changedFiles(before, snapshot(scratch))).toEqual([]);
    },
    3 * MINUTE,
  );

  it(
    'generates "widget": it lints, typechecks, migrates and passes its own integration test; generating it again is refused',
    async () => {
      const output = await mustRun('generate', 'pnpm', ['--silent', 'gen', 'feature', 'widget'], scratch, {
        timeout: 2 * MINUTE,
      });
      // The printed next steps, which the rest of this test follows.
      expect(output).toContain('pnpm db:migration:new add_widget');
      expect(output).toContain('pnpm db:migrate');
      for (const file of GENERATED) expect(existsSync(join(scratch, file)), file).toBe(true);

      // Nothing leaked into this checkout.
      for (const file of GENERATED)
        expect(existsSync(join(ROOT, file)), `${file} in the checkout`).toBe(false);

      await mustRun('prisma generate', 'pnpm', ['--filter', '@repo/db', 'generate'], scratch, {
        timeout: 2 * MINUTE,
      });
      // The diff engine only reads the server's version: the outer run's server will do.
      const outerDatabase = process.env.DATABASE_URL;
      expect(outerDatabase, 'DATABASE_URL of the integration run').toBeTruthy();
      const migration = await mustRun(
        'db:migration:new',
        'pnpm',
        ['db:migration:new', 'add_widget'],
        scratch,
        {
          env: childEnv({ DATABASE_URL: outerDatabase ?? '' }),
          timeout: 2 * MINUTE,
        },
      );
      const dir = /created (\S+)\/migration\.sql/.exec(migration)?.[1];
      expect(dir, migration).toBeDefined();
      const sql = readFileSync(join(dir as string, 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "widgets"');
      expect(sql).toMatch(/ON DELETE CASCADE/);

      await mustRun(
        'biome',
        join(scratch, 'node_modules/.bin/biome'),
        ['check', '--no-errors-on-unmatched', ...GENERATED, ...EDITED.filter((f) => /\.(tsx?|md)$/.test(f))],
        scratch,
        { timeout: MINUTE },
      );

      // What a forker runs next, side by side (each fails with its whole output):
      const checks = await Promise.allSettled([
        // the typecheck tasks (turbo's `typecheck`) of the workspaces the feature adds code to;
        mustRun(
          'typecheck',
          'pnpm',
          [
            '--filter',
            '@repo/contracts',
            '--filter',
            '@repo/api',
            '--filter',
            '@repo/web',
            '--workspace-concurrency=3',
            'run',
            'typecheck',
          ],
          scratch,
          { timeout: 6 * MINUTE },
        ),
        // the message catalogs match in every locale, the web builds no schema of its own, the
        // permission table holds together, the API modules meet through their index.ts;
        mustRun(
          'unit tests',
          join(scratch, 'node_modules/.bin/vitest'),
          [
            'run',
            '--project',
            'unit',
            'apps/web/src/i18n/messages.test.ts',
            'apps/web/src/lib/contracts-only.test.ts',
            'apps/web/src/app/[locale]/(app)/org/settings/api-keys',
            'packages/contracts/src/permissions.test.ts',
            'scripts/boundaries.test.ts',
          ],
          scratch,
          { timeout: 4 * MINUTE },
        ),
        // the module's own integration test, on services of its own (see above) and a template
        // database migrated with the new migration.
        mustRun(
          'generated integration test',
          join(scratch, 'node_modules/.bin/vitest'),
          ['run', '--project', 'integration', 'apps/api/src/modules/widget/widget.int.test.ts'],
          scratch,
          { timeout: 6 * MINUTE },
        ),
      ]);
      const failures = checks.flatMap((c) => (c.status === 'rejected' ? [String(c.reason)] : []));
      if (failures.length > 0) throw new Error(failures.join('\n\n'));

      // Twice: refused before anything is written.
      const before = snapshot(scratch);
      const again = await gen('widget');
      expect(again.status, again.output).not.toBe(0);
      expect(again.output).toContain('apps/api/src/modules/widget already exists');
      expect(changedFiles(before, snapshot(scratch))).toEqual([]);
    },
    12 * MINUTE,
  );
});
