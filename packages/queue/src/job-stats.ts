import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Finished-job counts per UTC hour and day for the admin overview (D6, ADR 0018).
 * BullMQ's own metrics are per minute and kept two weeks (`workerMetrics`): too short for a
 * 90-day chart. Workers therefore also increment one Redis hash per hour and per day
 * (`<prefix>:stats:jobs:<unit>:<bucket>`, fields `<queue>:completed|failed`), each expiring after
 * it stops being shown.
 */

export type JobOutcome = 'completed' | 'failed';
export type StatsUnit = 'hour' | 'day';

const DAY_S = 86_400;
/** Hours back to 48 h (24h range and its previous period), days back to 180 (90d and previous). */
const TTL_SECONDS: Record<StatsUnit, number> = { hour: 3 * DAY_S, day: 200 * DAY_S };

/** `2026-11-22T05` for an hour, `2026-11-22` for a day (UTC). */
function bucketLabel(unit: StatsUnit, at: Date): string {
  const iso = at.toISOString();
  return unit === 'hour' ? iso.slice(0, 13) : iso.slice(0, 10);
}

export const jobStatsKey = (prefix: string, unit: StatsUnit, at: Date) =>
  `${prefix}:stats:jobs:${unit}:${bucketLabel(unit, at)}`;

/** One pipelined round trip: the hour and day counters of `queue`, with their expiry. */
export async function recordJobOutcome(
  redis: Redis,
  prefix: string,
  queue: string,
  outcome: JobOutcome,
  at: Date = new Date(),
): Promise<void> {
  const field = `${queue}:${outcome}`;
  const pipeline = redis.pipeline();
  for (const unit of ['hour', 'day'] as const) {
    const key = jobStatsKey(prefix, unit, at);
    pipeline.hincrby(key, field, 1).expire(key, TTL_SECONDS[unit]);
  }
  const results = await pipeline.exec();
  const failed = results?.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}

/**
 * A failure counts once, when the job gives up: BullMQ emits `failed` after every attempt, but
 * sets `finishedOn` only when the job moved to the failed set instead of being retried.
 */
export const isFinalFailure = (job: Pick<Job, 'finishedOn'> | undefined) => Boolean(job?.finishedOn);

/**
 * Counts a worker's finished jobs. Counting is best effort: a Redis error is reported to
 * `onError` and never affects the job (the overview then under-counts).
 */
export function recordJobStats(
  worker: Worker,
  opts: { redis: Redis; prefix: string; onError: (error: unknown) => void },
): void {
  const record = (outcome: JobOutcome) =>
    recordJobOutcome(opts.redis, opts.prefix, worker.name, outcome).catch(opts.onError);
  worker.on('completed', () => void record('completed'));
  worker.on('failed', (job) => {
    if (isFinalFailure(job)) void record('failed');
  });
}

export interface JobStatsTotals {
  completed: number;
  failed: number;
}

/** Counts of every queue summed, per bucket start given (in order); one pipelined round trip. */
export async function readJobStats(
  redis: Redis,
  prefix: string,
  unit: StatsUnit,
  bucketStarts: Date[],
): Promise<JobStatsTotals[]> {
  const pipeline = redis.pipeline();
  for (const at of bucketStarts) pipeline.hgetall(jobStatsKey(prefix, unit, at));
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    const totals: JobStatsTotals = { completed: 0, failed: 0 };
    for (const [field, count] of Object.entries((value ?? {}) as Record<string, string>)) {
      const outcome = field.slice(field.lastIndexOf(':') + 1);
      if (outcome === 'completed' || outcome === 'failed') totals[outcome] += Number(count) || 0;
    }
    return totals;
  });
}
