import type { Db, Tx } from '@repo/db';
import type { Logger } from '@repo/observability';

/**
 * Daily activity for the admin overview (D6, ADR 0018): one `user_activity_days` row per user
 * and UTC day, written when a session is opened or refreshed. It is a statistic, so it must never
 * fail the sign-in or refresh it rides on: errors are logged and swallowed.
 */

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

const insert = (db: Db | Tx, userId: string, at: Date) =>
  db.$executeRaw`
    INSERT INTO user_activity_days (user_id, day) VALUES (${userId}::uuid, ${utcDay(at)}::date)
    ON CONFLICT DO NOTHING`;

/**
 * Inside the caller's transaction (session creation). A failed statement would abort the whole
 * transaction, so the insert runs under a savepoint that is rolled back on error.
 */
export async function recordActivityInTx(tx: Tx, userId: string, at: Date, logger?: Logger): Promise<void> {
  await tx.$executeRaw`SAVEPOINT user_activity`;
  try {
    await insert(tx, userId, at);
    await tx.$executeRaw`RELEASE SAVEPOINT user_activity`;
  } catch (err) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT user_activity`;
    logger?.warn({ err, userId }, 'user activity not recorded');
  }
}

/** After a committed change (token refresh): one statement, nothing to roll back. */
export async function recordActivity(db: Db, userId: string, at: Date, logger?: Logger): Promise<void> {
  try {
    await insert(db, userId, at);
  } catch (err) {
    logger?.warn({ err, userId }, 'user activity not recorded');
  }
}
