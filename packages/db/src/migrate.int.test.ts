import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checksumOf,
  MigrationChecksumError,
  MigrationFailedError,
  migrate,
  readLocalMigrations,
} from './migrate';
import { copyPrismaDir, repoMigrationsDir, serverUrl } from './migrations/migrations.test-support';
import { withScratchDatabase } from './migrations/scratch';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const history = (url: string) =>
  query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
  }>(
    url,
    'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
  );

const local = readLocalMigrations(repoMigrationsDir);
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies every migration to an empty database and records Prisma-compatible history', async () => {
    await withScratchDatabase(serverUrl(), async (url) => {
      const { applied } = await migrate({ url });
      expect(applied).toEqual(local.map((m) => m.name));
      const rows = await history(url);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(local.map((m) => [m.name, m.checksum]));
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
      // Prisma's checksum is the sha256 of the file's bytes.
      const first = local[0];
      if (!first) throw new Error('no migrations');
      expect(rows[0]?.checksum).toBe(
        checksumOf(readFileSync(join(repoMigrationsDir, first.name, 'migration.sql'), 'utf8')),
      );
      const tables = await query<{ tablename: string }>(
        url,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
      );
      expect(tables.map((t) => t.tablename)).toEqual([
        '_prisma_migrations',
        'api_key_usage',
        'api_keys',
        'audit_logs',
        'backup_codes',
        'email_tokens',
        'feature_flags',
        'files',
        'identities',
        'invitations',
        'memberships',
        'organizations',
        'outbox_events',
        'refresh_tokens',
        'sessions',
        'trusted_devices',
        'two_factor_challenges',
        'two_factors',
        'user_activity_days',
        'users',
        'waitlist_entries',
        'webhook_attempts',
        'webhook_deliveries',
        'webhook_endpoints',
        'webhook_messages',
      ]);
    });
  });

  it('is a no-op the second time', async () => {
    await withScratchDatabase(serverUrl(), async (url) => {
      await migrate({ url });
      const lines: string[] = [];
      expect(await migrate({ url, log: (l) => lines.push(l) })).toEqual({ applied: [] });
      expect(await history(url)).toHaveLength(local.length);
      expect(lines.join('\n')).toContain('up to date');
    });
  });

  it('serializes concurrent runs: each migration is applied exactly once, without errors', async () => {
    await withScratchDatabase(serverUrl(), async (url) => {
      const results = await Promise.all([migrate({ url }), migrate({ url }), migrate({ url })]);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(local.map((m) => m.name).sort());
      expect(await history(url)).toHaveLength(local.length);
    });
  });

  it('refuses to run when an applied migration was modified', async () => {
    const copy = copyPrismaDir();
    temps.push(copy.root);
    await withScratchDatabase(serverUrl(), async (url) => {
      await migrate({ url, migrationsDir: copy.migrationsDir });
      const first = local[0]?.name ?? '';
      const file = join(copy.migrationsDir, first, 'migration.sql');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- edited after the fact\n`);
      const error = await migrate({ url, migrationsDir: copy.migrationsDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationChecksumError);
      expect((error as MigrationChecksumError).migration).toBe(first);
      expect(String(error)).toMatch(/modified after it was applied/);
    });
  });

  it('rolls a failing migration back completely, records it, and retries it once fixed', async () => {
    const copy = copyPrismaDir();
    temps.push(copy.root);
    const dir = join(copy.migrationsDir, '99990101000000_broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'migration.sql'), 'CREATE TABLE "half_done" ("id" int);\nSELECT 1 / 0;\n');
    await withScratchDatabase(serverUrl(), async (url) => {
      const error = await migrate({ url, migrationsDir: copy.migrationsDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(String(error)).toMatch(/99990101000000_broken.*division by zero/);
      // Earlier migrations stay applied; the broken one left nothing behind.
      expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toHaveLength(0);
      const failed = (await history(url)).filter((r) => r.migration_name === '99990101000000_broken');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.rolled_back_at).not.toBeNull();
      expect(failed[0]?.logs).toMatch(/division by zero/);

      writeFileSync(join(dir, 'migration.sql'), 'CREATE TABLE "half_done" ("id" int);\n');
      expect(await migrate({ url, migrationsDir: copy.migrationsDir })).toEqual({
        applied: ['99990101000000_broken'],
      });
      expect(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toHaveLength(1);
    });
  });

  it('stops on a migration left unfinished by an earlier run (as prisma migrate deploy does)', async () => {
    await withScratchDatabase(serverUrl(), async (url) => {
      await migrate({ url });
      await query(
        url,
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '99990101000000_crashed')`,
      );
      await expect(migrate({ url })).rejects.toThrow(/99990101000000_crashed.*did not finish/);
    });
  });
});
