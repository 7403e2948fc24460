import type { AdminOverview, OverviewBucket, OverviewKpi, OverviewRange } from '@repo/contracts';
import { type JobStatsTotals, readJobStats } from '@repo/queue';
import { type AppDeps, systemClock } from '../../types';
import { bucketStarts, type Period, periodFor } from './periods';
import { activeSeriesSql, activeTotals, countSeries, countSql } from './queries';

export type OverviewDeps = Pick<AppDeps, 'db' | 'redis' | 'env' | 'clock' | 'logger'>;

/** Sum of the previous period's buckets (first half) against the current one's (second half). */
function kpi(values: number[], buckets: number): OverviewKpi {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { previous: sum(values.slice(0, buckets)), current: sum(values.slice(buckets)) };
}

/**
 * Finished-job counters live in Redis (ADR 0018). The overview stays useful without them: when
 * Redis cannot answer, the job figures are null (unknown) and the rest is served.
 */
async function jobCounts(deps: OverviewDeps, period: Period): Promise<JobStatsTotals[] | null> {
  try {
    return await readJobStats(deps.redis, deps.env.REDIS_PREFIX, period.granularity, bucketStarts(period));
  } catch (err) {
    deps.logger?.warn({ err }, 'overview: job counters unavailable');
    return null;
  }
}

export async function getOverview(deps: OverviewDeps, range: OverviewRange): Promise<AdminOverview> {
  const now = (deps.clock ?? systemClock).now();
  const period = periodFor(range, now);
  const daily = period.granularity === 'day';
  const [signUps, sessionsCreated, failedSignIns, delivered, undelivered, active, activeKpi, jobs] =
    await Promise.all([
      countSeries(deps.db, countSql('signUps', period)),
      countSeries(deps.db, countSql('sessionsCreated', period)),
      countSeries(deps.db, countSql('failedSignIns', period)),
      countSeries(deps.db, countSql('webhooksDelivered', period)),
      countSeries(deps.db, countSql('webhooksFailed', period)),
      daily ? countSeries(deps.db, activeSeriesSql(period)) : null,
      activeTotals(deps.db, period),
      jobCounts(deps, period),
    ]);

  const { buckets } = period;
  const series = bucketStarts(period)
    .slice(buckets)
    .map((start, i): OverviewBucket => {
      const at = buckets + i;
      return {
        bucketStart: start.toISOString(),
        signUps: signUps[at] ?? 0,
        activeUsers: active ? (active[at] ?? 0) : null,
        sessionsCreated: sessionsCreated[at] ?? 0,
        failedSignIns: failedSignIns[at] ?? 0,
        jobsCompleted: jobs ? (jobs[at]?.completed ?? 0) : null,
        jobsFailed: jobs ? (jobs[at]?.failed ?? 0) : null,
        webhooksDelivered: delivered[at] ?? 0,
        webhooksFailed: undelivered[at] ?? 0,
      };
    });

  return {
    range,
    granularity: period.granularity,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    previousFrom: period.previousFrom.toISOString(),
    series,
    kpis: {
      signUps: kpi(signUps, buckets),
      activeUsers: activeKpi,
      sessionsCreated: kpi(sessionsCreated, buckets),
      failedSignIns: kpi(failedSignIns, buckets),
      jobsCompleted: jobs
        ? kpi(
            jobs.map((j) => j.completed),
            buckets,
          )
        : null,
      jobsFailed: jobs
        ? kpi(
            jobs.map((j) => j.failed),
            buckets,
          )
        : null,
      webhooksDelivered: kpi(delivered, buckets),
      webhooksFailed: kpi(undelivered, buckets),
    },
  };
}
