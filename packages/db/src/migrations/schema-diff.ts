import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Prisma 6 requires `url` in the datasource block, Prisma 7 forbids it: give the 6.19
 * engine a copy with one added. Generator blocks are dropped (diffing ignores them and
 * 6.19 need not understand 7.x generator options).
 */
export function toLegacySchema(schema: string): string {
  return schema
    .replace(/^generator\s+\w+\s*\{[^}]*\}/gm, '')
    .replace(/^(datasource\s+\w+\s*\{)/m, '$1\n  url = env("DIFF_DATABASE_URL")');
}

/** Statements the engine adds to from-empty diffs that our migrations must not contain. */
function clean(sql: string): string {
  return sql
    .replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/g, '')
    .replace(/^-- This is an empty migration\.\s*$/m, '')
    .trim();
}

export interface DiffOptions {
  /** Any reachable PostgreSQL: the engine reads its version, nothing else. */
  url: string;
  /** Schema text to diff from; `null` = empty database. */
  from: string | null;
  /** Schema text to diff to. */
  to: string;
}

/** SQL that turns a database matching `from` into one matching `to` ('' when equal). */
export async function diffSchemas({ url, from, to }: DiffOptions): Promise<string> {
  const require = createRequire(join(pkgDir, 'package.json'));
  const cli = join(dirname(require.resolve('prisma-diff/package.json')), 'build', 'index.js');
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-diff-'));
  try {
    writeFileSync(join(dir, 'to.prisma'), toLegacySchema(to));
    const fromArgs = from === null ? ['--from-empty'] : ['--from-schema-datamodel', join(dir, 'from.prisma')];
    if (from !== null) writeFileSync(join(dir, 'from.prisma'), toLegacySchema(from));
    const args = [cli, 'migrate', 'diff', '--config', join(pkgDir, 'prisma-diff.config.ts'), ...fromArgs];
    args.push('--to-schema-datamodel', join(dir, 'to.prisma'), '--script', '--output', join(dir, 'out.sql'));
    await run(args, {
      ...process.env,
      DIFF_DATABASE_URL: url,
      // The CLI insists that native engines exist before running (it never uses them
      // with engine 'js'); any existing file satisfies the check without a download.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || process.execPath,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    });
    return clean(readFileSync(join(dir, 'out.sql'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: pkgDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const hint = /Can't reach database server/.test(output)
        ? '\nThe diff engine needs a running PostgreSQL (it only reads its version): start `pnpm dev` or set DATABASE_URL.'
        : '';
      reject(new Error(`prisma migrate diff failed (exit ${code}):\n${output.trim()}${hint}`));
    });
  });
}
