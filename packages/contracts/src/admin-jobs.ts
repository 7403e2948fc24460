import { z } from 'zod';
import { listPage, listQuery } from './list';

/**
 * Admin jobs console (D5, docs/admin.md), read from BullMQ itself: per-queue counts and throughput,
 * jobs by state (failed ones with error and stack), job schedulers, retry and remove.
 * Global admins only.
 */

/** A queue name as it may appear in a URL; whether the queue exists is checked (404) apart. */
export const AdminQueueParams = z.strictObject({
  queue: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a queue name'),
});

/**
 * BullMQ job ids are strings: counters ("42"), custom ids (the outbox uses event UUIDs), and
 * `repeat:<scheduler>:<millis>` for job scheduler iterations, hence ':' is allowed.
 */
export const AdminJobId = z.string().regex(/^[\w.:@-]{1,256}$/, 'a job id');

export const AdminQueueJobParams = AdminQueueParams.extend({ jobId: AdminJobId });

/** States a job can be listed by. `waiting` includes the jobs of a paused queue. */
export const AdminJobStates = ['failed', 'completed', 'waiting', 'active', 'delayed'] as const;
export const AdminJobState = z.enum(AdminJobStates);
export type AdminJobState = z.infer<typeof AdminJobState>;

/**
 * `position`: BullMQ's own order for the state, newest first (desc) or oldest first (asc). BullMQ
 * pages by index, so the cursor holds a position in that list: jobs changing state between two
 * pages can shift the window.
 */
export const AdminQueueJobsQuery = listQuery({
  sorts: ['position:desc', 'position:asc'],
  defaultSort: 'position:desc',
  maxLimit: 50,
  defaultLimit: 20,
  filters: { state: AdminJobState.default('failed') },
});
export type AdminQueueJobsQuery = z.infer<typeof AdminQueueJobsQuery>;

export const AdminJobCounts = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
  completed: z.number().int(),
  paused: z.number().int(),
  /** Waiting jobs with a priority (BullMQ keeps them apart from `waiting`). */
  prioritized: z.number().int(),
  /** Parent jobs waiting for their children (flows). */
  waitingChildren: z.number().int(),
});
export type AdminJobCounts = z.infer<typeof AdminJobCounts>;

/** Jobs finished per minute, oldest minute first, the last one being the current minute. */
export const AdminThroughputSeries = z.object({
  total: z.number().int(),
  perMinute: z.array(z.number().int()),
});

/**
 * Completed and failed jobs over the last hour, from the metrics BullMQ workers record
 * (`metrics.maxDataPoints` on the Worker). Null when no worker has ever recorded metrics for the
 * queue (no worker runs it, or none has finished a job): "no data", as opposed to zero.
 */
export const AdminQueueThroughput = z.object({
  /** Start of the first minute of the series. */
  since: z.iso.datetime(),
  minutes: z.number().int(),
  completed: AdminThroughputSeries,
  failed: AdminThroughputSeries,
});
export type AdminQueueThroughput = z.infer<typeof AdminQueueThroughput>;

/**
 * The transactional outbox as the relay sees it (PostgreSQL `outbox_events`, not a BullMQ
 * queue): events waiting to be relayed into their queues' jobs, those waiting again after a
 * failed attempt, and what was relayed lately. Shown on the `outbox` queue's card, whose BullMQ
 * counts stay at zero because the relay never runs through that queue.
 */
export const AdminOutboxStatus = z.object({
  pending: z.number().int().min(0),
  /** Pending events whose last relay attempt failed (they are retried with a back-off). */
  retrying: z.number().int().min(0),
  /** When the oldest pending event was written; null when nothing is pending. */
  oldestPendingAt: z.iso.datetime().nullable(),
  dispatchedLastHour: z.number().int().min(0),
  lastDispatchedAt: z.iso.datetime().nullable(),
});
export type AdminOutboxStatus = z.infer<typeof AdminOutboxStatus>;

export const AdminQueueSummary = z.object({
  name: z.string(),
  isPaused: z.boolean(),
  counts: AdminJobCounts,
  throughput: AdminQueueThroughput.nullable(),
  /** On the `outbox` queue only: the events table the relay really drains. */
  outbox: AdminOutboxStatus.optional(),
});
export type AdminQueueSummary = z.infer<typeof AdminQueueSummary>;

export const AdminQueueList = z.object({ items: z.array(AdminQueueSummary) });
export type AdminQueueList = z.infer<typeof AdminQueueList>;

export const AdminJob = z.object({
  id: z.string(),
  /** The job name (for emails: the template). */
  name: z.string(),
  /** The state the job was listed in (or found in, for one job). */
  state: z.string(),
  attemptsMade: z.number().int(),
  /** Attempts allowed by the job's options. */
  maxAttempts: z.number().int(),
  /** When the job was created. */
  timestamp: z.iso.datetime(),
  processedOn: z.iso.datetime().nullable(),
  finishedOn: z.iso.datetime().nullable(),
  /** Delay requested at creation, in milliseconds (0 for none). */
  delay: z.number().int(),
  failedReason: z.string().nullable(),
  /** One stack per failed attempt, most recent last (failed jobs only; empty otherwise). */
  stacktrace: z.array(z.string()),
  /** Job data with secret-looking keys (tokens, passwords…) redacted; cut when large. */
  data: z.unknown(),
});
export type AdminJob = z.infer<typeof AdminJob>;

export const AdminJobList = listPage('items', AdminJob).extend({
  /** Jobs in that state right now. */
  total: z.number().int(),
});
export type AdminJobList = z.infer<typeof AdminJobList>;

export const AdminJobScheduler = z.object({
  /** The scheduler id given to `upsertJobScheduler`. */
  key: z.string(),
  /** Name of the jobs it produces. */
  name: z.string(),
  pattern: z.string().nullable(),
  /** Interval in milliseconds, for `every` schedulers. */
  every: z.number().int().nullable(),
  tz: z.string().nullable(),
  /** Next run; null when the scheduler has no upcoming run (limit or end date reached). */
  next: z.iso.datetime().nullable(),
  iterationCount: z.number().int().nullable(),
  limit: z.number().int().nullable(),
  endDate: z.iso.datetime().nullable(),
});
export type AdminJobScheduler = z.infer<typeof AdminJobScheduler>;

/** `next`: by next run (BullMQ's order for schedulers); the cursor is a position, as for jobs. */
export const AdminQueueSchedulersQuery = listQuery({
  sorts: ['next:asc', 'next:desc'],
  defaultSort: 'next:asc',
  defaultLimit: 100,
});
export type AdminQueueSchedulersQuery = z.infer<typeof AdminQueueSchedulersQuery>;

export const AdminJobSchedulerList = listPage('items', AdminJobScheduler).extend({
  /** All schedulers of the queue. */
  total: z.number().int(),
});
export type AdminJobSchedulerList = z.infer<typeof AdminJobSchedulerList>;

/** POST …/retry: the job, back in `waiting`. */
export const AdminJobRetried = z.object({ status: z.literal('retried'), job: AdminJob });
