import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffSchemas } from './schema-diff';

/**
 * `schema.prisma` as of the latest migration. New migrations are the diff from this
 * snapshot to the current schema (the JS schema engine cannot replay migrations into a
 * shadow database). One file for the whole folder, so two branches that both add a
 * migration conflict here in git instead of silently producing a duplicate change.
 */
export const SNAPSHOT_FILE = 'schema-snapshot.prisma.txt';

export interface CreateMigrationOptions {
  name: string;
  /** Any reachable PostgreSQL (the diff engine reads its version only). */
  url: string;
  migrationsDir: string;
  schemaPath: string;
  /** Write a migration even when the schema did not change (hand-written SQL, data fixes). */
  allowEmpty?: boolean;
  now?: Date;
}

export function migrationDirName(name: string, now: Date): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`Invalid migration name "${name}": use letters, digits and underscores`);
  const ts = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${ts}_${slug}`;
}

export async function createMigration(
  opts: CreateMigrationOptions,
): Promise<{ dir: string | null; sql: string }> {
  const schema = readFileSync(opts.schemaPath, 'utf8');
  const snapshotPath = join(opts.migrationsDir, SNAPSHOT_FILE);
  const hasMigrations = readdirSync(opts.migrationsDir, { withFileTypes: true }).some((e) => e.isDirectory());
  if (hasMigrations && !existsSync(snapshotPath)) {
    throw new Error(`${snapshotPath} is missing: restore it from git (it must match the latest migration)`);
  }
  const from = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
  const sql = await diffSchemas({ url: opts.url, from, to: schema });
  if (!sql && !opts.allowEmpty) return { dir: null, sql };

  const dirName = migrationDirName(opts.name, opts.now ?? new Date());
  const dir = join(opts.migrationsDir, dirName);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(dir);
  const body = sql || '-- Hand-written migration: add SQL below (schema.prisma did not change).';
  writeFileSync(join(dir, 'migration.sql'), `${body}\n`);
  writeFileSync(snapshotPath, schema);
  return { dir, sql };
}
