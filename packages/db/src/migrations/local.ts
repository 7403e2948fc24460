import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LocalMigration {
  /** Directory name, e.g. `20260101000000_init`; also the `migration_name` in `_prisma_migrations`. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql's bytes — the same value `prisma migrate` stores. */
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

function findUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Locates `prisma/migrations`: from this source file when run from the repository (tsx,
 * vitest), else upward from the working directory (bundled apps, Docker images that
 * copy `prisma/` next to the app). Pass `migrationsDir` to skip the search.
 */
export function resolveMigrationsDir(explicit?: string): string {
  if (explicit) return resolve(explicit);
  const here = typeof import.meta.url === 'string' ? dirname(fileURLToPath(import.meta.url)) : process.cwd();
  const found = findUp(here) ?? findUp(process.cwd());
  if (!found) throw new Error('Cannot find prisma/migrations (with migration_lock.toml); pass migrationsDir');
  return found;
}

/** Migrations in application order: Prisma orders directories by name (timestamp prefix). */
export function readLocalMigrations(dir: string): LocalMigration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}
