import { z } from 'zod';

/**
 * Admin overview (D6, docs/admin.md): KPIs and time series over a selectable range, in UTC.
 * `24h` has 24 hourly buckets ending with the current hour; `7d`/`30d`/`90d` have daily buckets
 * ending with today. Each KPI compares the range with the equal period right before it.
 * Global admins only.
 */

export const OverviewRanges = ['24h', '7d', '30d', '90d'] as const;
export const OverviewRange = z.enum(OverviewRanges);
export type OverviewRange = z.infer<typeof OverviewRange>;

export const AdminOverviewQuery = z.strictObject({
  range: OverviewRange.default('7d'),
});
export type AdminOverviewQuery = z.infer<typeof AdminOverviewQuery>;

export const OverviewGranularity = z.enum(['hour', 'day']);
export type OverviewGranularity = z.infer<typeof OverviewGranularity>;

/** A total over the range and over the equal period before it (for a delta). */
export const OverviewKpi = z.object({
  current: z.number().int(),
  previous: z.number().int(),
});
export type OverviewKpi = z.infer<typeof OverviewKpi>;

export const OverviewKpis = z.object({
  signUps: OverviewKpi,
  /**
   * Distinct users active (signed in or refreshed a session) on the UTC days of the range.
   * Activity is recorded per day, so for `24h` this is today (UTC) against yesterday.
   */
  activeUsers: OverviewKpi,
  sessionsCreated: OverviewKpi,
  failedSignIns: OverviewKpi,
  /** Null when the job counters (Redis) could not be read: unknown, not zero. */
  jobsCompleted: OverviewKpi.nullable(),
  jobsFailed: OverviewKpi.nullable(),
  /** Webhook deliveries that finished in the range: delivered, or failed after every attempt. */
  webhooksDelivered: OverviewKpi,
  webhooksFailed: OverviewKpi,
});
export type OverviewKpis = z.infer<typeof OverviewKpis>;

export const OverviewBucket = z.object({
  /** Start of the hour or UTC day. */
  bucketStart: z.iso.datetime(),
  signUps: z.number().int(),
  /** Daily active users; null in hourly buckets (activity is recorded per UTC day). */
  activeUsers: z.number().int().nullable(),
  sessionsCreated: z.number().int(),
  failedSignIns: z.number().int(),
  /** Jobs that finished (failed: after their last attempt); null when unknown (see OverviewKpis). */
  jobsCompleted: z.number().int().nullable(),
  jobsFailed: z.number().int().nullable(),
  webhooksDelivered: z.number().int(),
  webhooksFailed: z.number().int(),
});
export type OverviewBucket = z.infer<typeof OverviewBucket>;

export const AdminOverview = z.object({
  range: OverviewRange,
  granularity: OverviewGranularity,
  /** Start of the first bucket (inclusive) and end of the last one (exclusive). */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** Start of the equal period before `from` that the KPIs compare with. */
  previousFrom: z.iso.datetime(),
  /** Oldest first, one per bucket, zeros included. */
  series: z.array(OverviewBucket),
  kpis: OverviewKpis,
});
export type AdminOverview = z.infer<typeof AdminOverview>;
