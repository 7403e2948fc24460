import { type Db, Prisma } from '@repo/db';
import type { Period } from './periods';

/**
 * The overview's SQL. Each count reads one index range — users(created_at),
 * sessions(created_at), audit_logs(action, created_at), user_activity_days(day),
 * webhook_deliveries(status, last_attempt_at) — over both
 * periods at once, and is left-joined to `generate_series` so empty buckets come back as 0.
 * Bucketing happens on UTC wall time (`AT TIME ZONE 'UTC'`), whatever the session time zone.
 */

export const FAILED_SIGN_IN = 'auth.sign_in_failed';

export type CountedMetric =
  | 'signUps'
  | 'sessionsCreated'
  | 'failedSignIns'
  | 'webhooksDelivered'
  | 'webhooksFailed';

/** Deliveries finished in [from, to): the last attempt's time is when a delivery finished. */
const finishedDeliveries = (status: 'succeeded' | 'failed') => (from: Date, to: Date) =>
  Prisma.sql`FROM (
      SELECT last_attempt_at AS created_at FROM webhook_deliveries
      WHERE status = ${status}::webhook_delivery_status AND last_attempt_at >= ${from} AND last_attempt_at < ${to}
    ) finished`;

/** Rows of [from, to) per metric; table and column names are fixed here, never from input. */
const SOURCES: Record<CountedMetric, (from: Date, to: Date) => Prisma.Sql> = {
  signUps: (from, to) => Prisma.sql`FROM users WHERE created_at >= ${from} AND created_at < ${to}`,
  sessionsCreated: (from, to) => Prisma.sql`FROM sessions WHERE created_at >= ${from} AND created_at < ${to}`,
  failedSignIns: (from, to) =>
    Prisma.sql`FROM audit_logs
      WHERE action = ${FAILED_SIGN_IN} AND created_at >= ${from} AND created_at < ${to}`,
  webhooksDelivered: finishedDeliveries('succeeded'),
  webhooksFailed: finishedDeliveries('failed'),
};

const step = (period: Period) => (period.granularity === 'hour' ? '1 hour' : '1 day');
const lastBucket = (period: Period) => new Date(period.to.getTime() - period.stepMs);

/** One count per bucket of both periods, oldest first. */
export function countSql(metric: CountedMetric, period: Period): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(c.n, 0)::int AS n
    FROM generate_series(
      ${period.previousFrom}::timestamptz AT TIME ZONE 'UTC',
      ${lastBucket(period)}::timestamptz AT TIME ZONE 'UTC',
      ${step(period)}::interval
    ) AS b(bucket)
    LEFT JOIN (
      SELECT date_trunc(${period.granularity}, created_at AT TIME ZONE 'UTC') AS bucket, count(*) AS n
      ${SOURCES[metric](period.previousFrom, period.to)}
      GROUP BY 1
    ) c ON c.bucket = b.bucket
    ORDER BY b.bucket`;
}

/**
 * Distinct active users per UTC day of both periods, oldest first (daily ranges only). A row is
 * one user and day, so a day's row count is its distinct users.
 */
export function activeSeriesSql(period: Period): Prisma.Sql {
  const day = (at: Date) => at.toISOString().slice(0, 10);
  return Prisma.sql`
    SELECT coalesce(c.n, 0)::int AS n
    FROM generate_series(
      ${day(period.previousFrom)}::date::timestamp,
      ${day(lastBucket(period))}::date::timestamp,
      interval '1 day'
    ) AS d(day)
    LEFT JOIN (
      SELECT day, count(*) AS n FROM user_activity_days
      WHERE day >= ${day(period.previousFrom)}::date AND day < ${day(period.to)}::date
      GROUP BY day
    ) c ON c.day = d.day::date
    ORDER BY d.day`;
}

/** Distinct users active on any day of each period (KPI; a user active twice counts once). */
export function activeTotalsSql(period: Period): Prisma.Sql {
  const { current, previous } = period.activeDays;
  const distinct = (from: string, to: string) =>
    Prisma.sql`(SELECT count(DISTINCT user_id) FROM user_activity_days
      WHERE day >= ${from}::date AND day < ${to}::date)::int`;
  return Prisma.sql`SELECT ${distinct(current.from, current.to)} AS current,
    ${distinct(previous.from, previous.to)} AS previous`;
}

export async function countSeries(db: Db, sql: Prisma.Sql): Promise<number[]> {
  const rows = await db.$queryRaw<{ n: number }[]>(sql);
  return rows.map((row) => row.n);
}

export async function activeTotals(db: Db, period: Period): Promise<{ current: number; previous: number }> {
  const [row] = await db.$queryRaw<{ current: number; previous: number }[]>(activeTotalsSql(period));
  return { current: row?.current ?? 0, previous: row?.previous ?? 0 };
}
