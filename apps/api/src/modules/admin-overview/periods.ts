import type { OverviewGranularity, OverviewRange } from '@repo/contracts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const RANGES: Record<OverviewRange, { granularity: OverviewGranularity; buckets: number }> = {
  '24h': { granularity: 'hour', buckets: 24 },
  '7d': { granularity: 'day', buckets: 7 },
  '30d': { granularity: 'day', buckets: 30 },
  '90d': { granularity: 'day', buckets: 90 },
};

/** A half-open interval of UTC days, as `YYYY-MM-DD` (what a `date` column compares with). */
export interface DayInterval {
  from: string;
  /** Exclusive. */
  to: string;
}

/**
 * The buckets a range shows, in UTC: the current period is `buckets` hours or days ending with
 * the current one (partly elapsed), the previous period the same number just before it. Queries
 * read both at once, [previousFrom, to), so every bucket of either period comes back.
 */
export interface Period {
  granularity: OverviewGranularity;
  stepMs: number;
  buckets: number;
  previousFrom: Date;
  from: Date;
  to: Date;
  /**
   * Days whose distinct active users make the KPI: the range's days, or for hourly ranges today
   * against yesterday (activity is recorded per day, and the 24 hours touch two days).
   */
  activeDays: { current: DayInterval; previous: DayInterval };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function periodFor(range: OverviewRange, now: Date): Period {
  const { granularity, buckets } = RANGES[range];
  const stepMs = granularity === 'hour' ? HOUR : DAY;
  const current = Math.floor(now.getTime() / stepMs) * stepMs;
  const from = current - (buckets - 1) * stepMs;
  const to = current + stepMs;
  const previousFrom = from - buckets * stepMs;
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const activeDays =
    granularity === 'hour'
      ? {
          current: { from: day(today), to: day(today + DAY) },
          previous: { from: day(today - DAY), to: day(today) },
        }
      : { current: { from: day(from), to: day(to) }, previous: { from: day(previousFrom), to: day(from) } };
  return {
    granularity,
    stepMs,
    buckets,
    previousFrom: new Date(previousFrom),
    from: new Date(from),
    to: new Date(to),
    activeDays,
  };
}

/** Start of every bucket of both periods, oldest first (previous period, then current). */
export function bucketStarts(period: Period): Date[] {
  return Array.from(
    { length: period.buckets * 2 },
    (_, i) => new Date(period.previousFrom.getTime() + i * period.stepMs),
  );
}
