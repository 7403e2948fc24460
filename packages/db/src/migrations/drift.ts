import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../migrate';
import { catalogSnapshot, compareCatalogs } from './catalog';
import { SNAPSHOT_FILE } from './create';
import { diffSchemas } from './schema-diff';
import { runScript, withScratchDatabase } from './scratch';

export interface DriftOptions {
  /** A server where scratch databases may be created (CREATE DATABASE privilege). */
  url: string;
  schemaPath: string;
  migrationsDir: string;
}

export interface DriftReport {
  /** Catalog differences between "all migrations applied" and "schema.prisma from scratch"; '' = none. */
  drift: string;
  /** SQL from the migrations folder's snapshot to schema.prisma; non-empty = `db:migration:new` was not run. */
  pendingSql: string;
}

const CREATE_EXTENSION = /CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z0-9_]+)"?/gi;

/**
 * PostgreSQL extensions the migrations install. Prisma no longer declares extensions in
 * schema.prisma (`postgresqlExtensions` was deprecated in 6.16; the documented way is a
 * `CREATE EXTENSION` in a migration), so the engine's from-scratch SQL never creates them, yet it
 * may use what they provide (e.g. `gin_trgm_ops` from pg_trgm). The schema side of the drift check
 * gets the same extensions first; everything else is still compared.
 */
export function migrationExtensions(migrationsDir: string): string[] {
  const names = new Set<string>();
  for (const entry of readdirSync(migrationsDir, { withFileTypes: true })) {
    const file = join(migrationsDir, entry.name, 'migration.sql');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const sql = readFileSync(file, 'utf8').replace(/--.*$/gm, '');
    for (const match of sql.matchAll(CREATE_EXTENSION)) names.add((match[1] as string).toLowerCase());
  }
  return [...names].sort();
}

/**
 * Builds two databases — one from the committed migrations, one from SQL that Prisma's
 * engine generates for schema.prisma from scratch — and compares their catalogs. This
 * catches a schema change without a migration, a hand edit to migration SQL that the
 * schema does not describe, and anything else that makes them disagree.
 */
export async function checkDrift({ url, schemaPath, migrationsDir }: DriftOptions): Promise<DriftReport> {
  const schema = readFileSync(schemaPath, 'utf8');
  const fromScratch = await diffSchemas({ url, from: null, to: schema });
  const extensions = migrationExtensions(migrationsDir)
    .map((name) => `CREATE EXTENSION IF NOT EXISTS "${name}";\n`)
    .join('');
  const [migrated, expected] = await Promise.all([
    withScratchDatabase(url, async (db) => {
      await migrate({ url: db, migrationsDir });
      return catalogSnapshot(db);
    }),
    withScratchDatabase(url, async (db) => {
      await runScript(db, extensions + fromScratch);
      return catalogSnapshot(db);
    }),
  ]);
  const snapshotPath = join(migrationsDir, SNAPSHOT_FILE);
  const snapshot = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
  const pendingSql = await diffSchemas({ url, from: snapshot, to: schema });
  return { drift: compareCatalogs(expected, migrated), pendingSql };
}
