import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MigrationChecksumError, MigrationFailedError } from './migrations/errors';
import { type LocalMigration, readLocalMigrations, resolveMigrationsDir } from './migrations/local';

export { MigrationChecksumError, MigrationFailedError } from './migrations/errors';
export {
  checksumOf,
  type LocalMigration,
  readLocalMigrations,
  resolveMigrationsDir,
} from './migrations/local';

export interface MigrateOptions {
  url: string;
  log?: (line: string) => void;
  /** Defaults to the repository's prisma/migrations (see resolveMigrationsDir). */
  migrationsDir?: string;
  /** Stop after this migration (restore uses it to load data at the backup's schema version). */
  to?: string;
}

// The key `prisma migrate deploy` locks on, so this migrator and Prisma's serialize with
// each other as well as with themselves.
const ADVISORY_LOCK_KEY = 72707369;

// Same table and columns as Prisma's schema engine creates, so either tool can take over.
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Throws for states `prisma migrate deploy` also refuses: edited or unfinished migrations. */
function plan(local: LocalMigration[], rows: AppliedRow[], log: (line: string) => void): LocalMigration[] {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const unfinished = live.find((r) => r.finished_at === null);
  if (unfinished) {
    throw new MigrationFailedError(
      unfinished.migration_name,
      'a previous run did not finish it. Inspect the database, then mark it rolled back ' +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${unfinished.migration_name}' AND finished_at IS NULL) and run again.`,
    );
  }
  const applied = new Map(live.map((r) => [r.migration_name, r.checksum]));
  for (const m of local) {
    const checksum = applied.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum)
      throw new MigrationChecksumError(m.name, checksum, m.checksum);
  }
  const known = new Set(local.map((m) => m.name));
  for (const name of applied.keys()) {
    if (!known.has(name))
      log(`warning: ${name} is applied in the database but missing from prisma/migrations`);
  }
  return local.filter((m) => !applied.has(m.name));
}

async function applyOne(client: pg.Client, m: LocalMigration): Promise<void> {
  const startedAt = new Date();
  try {
    // One transaction per migration (PostgreSQL DDL is transactional): a failure leaves
    // no half-applied schema, and the history row is written only if the SQL succeeded.
    await client.query('BEGIN');
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, $4, now(), 1)`,
      [randomUUID(), m.checksum, m.name, startedAt],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // Recorded as rolled back — what `prisma migrate resolve --rolled-back` writes — so the
    // failure is visible in the history and the fixed migration is retried next run.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, $5, now(), 0)`,
        [randomUUID(), m.checksum, m.name, message, startedAt],
      )
      .catch(() => {});
    throw new MigrationFailedError(m.name, message, { cause: error });
  }
}

/**
 * Applies pending `prisma/migrations/<name>/migration.sql` files in order; compatible
 * with `prisma migrate deploy` (same history table, checksums and lock). Safe to call
 * concurrently: runs serialize on a PostgreSQL advisory lock, and the later one finds
 * nothing to do. ADR 0002 explains why this exists.
 */
export async function migrate({
  url,
  log = () => {},
  migrationsDir,
  to,
}: MigrateOptions): Promise<{ applied: string[] }> {
  const all = readLocalMigrations(resolveMigrationsDir(migrationsDir));
  if (to !== undefined && !all.some((m) => m.name === to)) throw new Error(`Unknown migration ${to}`);
  const local = to === undefined ? all : all.filter((m) => m.name <= to);
  const client = new pg.Client({ connectionString: url, application_name: 'groundwork-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    try {
      await client.query(CREATE_TABLE);
      const { rows } = await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const pending = plan(local, rows, log);
      if (pending.length === 0) log(`database is up to date (${local.length} migrations)`);
      const applied: string[] = [];
      for (const m of pending) {
        log(`applying ${m.name}`);
        await applyOne(client, m);
        applied.push(m.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
