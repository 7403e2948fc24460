import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function parseMajor(versionOutput: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionOutput) ?? /(\d+)(?:\.\d+)?/.exec(versionOutput);
  return match?.[1] ? Number(match[1]) : null;
}

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  major: number;
}

async function majorOf(binary: string): Promise<number | null> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return parseMajor(stdout);
  } catch {
    return null;
  }
}

/**
 * pg_dump/pg_restore usable against a server of `serverMajor`: pg_dump refuses servers
 * newer than itself. PG_DUMP_PATH wins over PATH; pg_restore is taken from the same
 * directory. Returns null when none fits (the caller falls back to the built-in format).
 */
export async function findPgTools(
  serverMajor: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PgTools | null> {
  const pgDump = env.PG_DUMP_PATH || 'pg_dump';
  const pgRestore = pgDump.includes('/') ? join(dirname(pgDump), 'pg_restore') : 'pg_restore';
  const [dumpMajor, restoreMajor] = await Promise.all([majorOf(pgDump), majorOf(pgRestore)]);
  if (dumpMajor === null || restoreMajor === null || !(Math.min(dumpMajor, restoreMajor) >= serverMajor))
    return null;
  return { pgDump, pgRestore, major: dumpMajor };
}

/** libpq connection settings without the password on the command line (visible in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export function runTool(binary: string, args: string[], url: string): Promise<void> {
  const { dbname, env } = connection(url);
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args, '--dbname', dbname], { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${binary} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}
