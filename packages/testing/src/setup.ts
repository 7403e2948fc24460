import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, RUN_ID_KEY, TEMPLATE_DATABASE } from './context';

/**
 * Runs before every integration test file. Each vitest worker slot (VITEST_POOL_ID) gets its own
 * database, cloned from the migrated template the first time the slot runs a file in this run, and
 * its own Redis key prefix, so files run in parallel without seeing each other's data.
 */
const env = inject('devstack');
const poolId = process.env.VITEST_POOL_ID ?? '1';
const database = `test_${poolId}`;
const runId = env[RUN_ID_KEY] ?? '';

// Serializes slot set-up across workers: cloning needs the template free of other sessions.
const LOCK_KEY = 7_010_001;

async function ensureWorkerDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    // The run id stored as the database comment tells "made earlier in this run" from leftovers.
    const existing = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    if (existing.rows[0]?.comment === runId) return;
    const name = client.escapeIdentifier(database);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(TEMPLATE_DATABASE)}`);
    await client.query(`COMMENT ON DATABASE ${name} IS ${client.escapeLiteral(runId)}`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

await ensureWorkerDatabase(env.DATABASE_URL ?? '');

Object.assign(process.env, env, {
  DATABASE_URL: databaseUrl(env.DATABASE_URL ?? '', database),
  // Per test FILE, not per worker: Redis state (per-IP rate-limit counters above all) must not
  // carry from one file into the next one the worker runs within the same minute.
  REDIS_PREFIX: `t${poolId}-${randomBytes(4).toString('hex')}`,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  // A fresh signing key per test process; apps built in one file share it, like API replicas do.
  AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? randomBytes(32).toString('base64url'),
  TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY ?? randomBytes(32).toString('base64url'),
  // inject() and plain-http fetches: cookies must not need TLS here.
  COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false',
});
