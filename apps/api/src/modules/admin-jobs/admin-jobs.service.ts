import { recordAudit, redact } from '@repo/audit';
import type {
  AdminJob,
  AdminJobCounts,
  AdminJobList,
  AdminJobScheduler,
  AdminJobSchedulerList,
  AdminOutboxStatus,
  AdminQueueJobsQuery,
  AdminQueueList,
  AdminQueueSchedulersQuery,
  AdminQueueSummary,
} from '@repo/contracts';
import { QueueName } from '@repo/contracts';
import { isQueueName, type Job, type JobType, type Queue, queueNames } from '@repo/queue';
import { AppError } from '../../errors';
import { decodeCursor, defineList, encodeCursor } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { AppDeps } from '../../types';
import { THROUGHPUT_POINTS, throughput } from './throughput';

/** Largest job data summary returned as is (serialized); bigger data is replaced by a marker. */
const DATA_SUMMARY_MAX = 4_096;

const COUNTED: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'paused',
  'prioritized',
  'waiting-children',
];

function queueFor(deps: AppDeps, name: string): Queue {
  if (!deps.queues) throw new AppError('service_unavailable', 'The job queues are not configured.');
  if (!isQueueName(name)) throw new AppError('not_found', 'No such queue.');
  return deps.queues.get(name);
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : null);

/** Job data may carry link tokens (email jobs): secrets are redacted, big payloads cut. */
function summarizeData(data: unknown): unknown {
  const safe = redact(data) ?? null;
  return JSON.stringify(safe).length > DATA_SUMMARY_MAX ? '[truncated]' : safe;
}

export function toAdminJob(job: Job, state: string): AdminJob {
  return {
    id: String(job.id),
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    timestamp: new Date(job.timestamp).toISOString(),
    processedOn: iso(job.processedOn),
    finishedOn: iso(job.finishedOn),
    delay: job.delay ?? 0,
    failedReason: job.failedReason || null,
    stacktrace: job.stacktrace ?? [],
    data: summarizeData(job.data),
  };
}

async function summary(queue: Queue, nowMs: number): Promise<AdminQueueSummary> {
  const [counts, isPaused, completed, failed] = await Promise.all([
    queue.getJobCounts(...COUNTED),
    queue.isPaused(),
    queue.getMetrics('completed', 0, THROUGHPUT_POINTS - 1),
    queue.getMetrics('failed', 0, THROUGHPUT_POINTS - 1),
  ]);
  const n = (key: string) => counts[key] ?? 0;
  const jobCounts: AdminJobCounts = {
    waiting: n('waiting'),
    active: n('active'),
    delayed: n('delayed'),
    failed: n('failed'),
    completed: n('completed'),
    paused: n('paused'),
    prioritized: n('prioritized'),
    waitingChildren: n('waiting-children'),
  };
  return { name: queue.name, isPaused, counts: jobCounts, throughput: throughput(completed, failed, nowMs) };
}

export async function listQueues(deps: AppDeps): Promise<AdminQueueList> {
  const nowMs = (deps.clock?.now() ?? new Date()).getTime();
  const items = await Promise.all(
    queueNames().map(async (name) => {
      const queue = await summary(queueFor(deps, name), nowMs);
      return name === QueueName.outbox ? { ...queue, outbox: await outboxStatus(deps, nowMs) } : queue;
    }),
  );
  return { items };
}

/**
 * What the relay is doing, from `outbox_events` (the (dispatched_at, available_at) index serves
 * every query): the card of the `outbox` queue shows this rather than that queue's BullMQ counts,
 * which stay at zero while the relay delivers (it enqueues straight into the target queues).
 */
async function outboxStatus(deps: AppDeps, nowMs: number): Promise<AdminOutboxStatus> {
  const { db } = deps;
  const hourAgo = new Date(nowMs - 3_600_000);
  const [pending, retrying, oldest, dispatchedLastHour, last] = await Promise.all([
    db.outboxEvent.count({ where: { dispatchedAt: null } }),
    db.outboxEvent.count({ where: { dispatchedAt: null, attempts: { gt: 0 } } }),
    db.outboxEvent.findFirst({
      where: { dispatchedAt: null },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    }),
    db.outboxEvent.count({ where: { dispatchedAt: { gte: hourAgo } } }),
    db.outboxEvent.findFirst({
      where: { dispatchedAt: { not: null } },
      orderBy: { dispatchedAt: 'desc' },
      select: { dispatchedAt: true },
    }),
  ]);
  return {
    pending,
    retrying,
    oldestPendingAt: oldest?.createdAt.toISOString() ?? null,
    dispatchedLastHour,
    lastDispatchedAt: last?.dispatchedAt?.toISOString() ?? null,
  };
}

/** Deepest position a cursor may name (BullMQ reads ranges by index; beyond this, nobody pages). */
export const JOBS_MAX_OFFSET = 9_999_999;

/**
 * BullMQ pages by index within the state's list or sorted set, so the cursor value is that index
 * (type number), bound to the queue and state: no tie-breaker, positions are unique.
 */
const jobList = defineList({
  sorts: {
    'position:desc': { field: 'offset', type: 'number', integer: true, min: 0, max: JOBS_MAX_OFFSET },
    'position:asc': { field: 'offset', type: 'number', integer: true, min: 0, max: JOBS_MAX_OFFSET },
  },
  id: null,
});

/** Schedulers by next run: a position in BullMQ's sorted set, like jobs. */
const schedulerList = defineList({
  sorts: {
    'next:asc': { field: 'offset', type: 'number', integer: true, min: 0, max: JOBS_MAX_OFFSET },
    'next:desc': { field: 'offset', type: 'number', integer: true, min: 0, max: JOBS_MAX_OFFSET },
  },
  id: null,
});

/** One page of jobs in a state (lists convention), newest first by default. */
export async function listJobs(
  deps: AppDeps,
  name: string,
  query: AdminQueueJobsQuery,
): Promise<AdminJobList> {
  const queue = queueFor(deps, name);
  const bind = { scope: `${name}/${query.state}` };
  const offset = Number(decodeCursor(jobList, query, bind)?.values[0] ?? 0);
  // `waiting` also reads BullMQ's `paused` list: a paused queue keeps its waiting jobs there.
  const [jobs, total] = await Promise.all([
    queue.getJobs([query.state], offset, offset + query.limit - 1, query.sort === 'position:asc'),
    queue.getJobCountByTypes(query.state),
  ]);
  // A job removed between BullMQ's range read and its hash read comes back empty.
  const items = jobs.filter((job): job is Job => Boolean(job?.id)).map((job) => toAdminJob(job, query.state));
  const next = offset + query.limit;
  const more = jobs.length === query.limit && next < total && next <= JOBS_MAX_OFFSET;
  return {
    items,
    total,
    nextCursor: more ? encodeCursor(jobList, query.sort, { values: [next] }, bind) : null,
  };
}

/** One page of the queue's job schedulers (lists convention), next run first by default. */
export async function listSchedulers(
  deps: AppDeps,
  name: string,
  query: AdminQueueSchedulersQuery,
): Promise<AdminJobSchedulerList> {
  const queue = queueFor(deps, name);
  const bind = { scope: name };
  const offset = Number(decodeCursor(schedulerList, query, bind)?.values[0] ?? 0);
  const [schedulers, total] = await Promise.all([
    queue.getJobSchedulers(offset, offset + query.limit - 1, query.sort === 'next:asc'),
    queue.getJobSchedulersCount(),
  ]);
  const next = offset + query.limit;
  const more = schedulers.length === query.limit && next < total && next <= JOBS_MAX_OFFSET;
  const nextCursor = more ? encodeCursor(schedulerList, query.sort, { values: [next] }, bind) : null;
  const items = schedulers.map(
    (s): AdminJobScheduler => ({
      key: s.key,
      name: s.name,
      pattern: s.pattern ?? null,
      every: s.every === undefined || s.every === null ? null : Number(s.every),
      tz: s.tz ?? null,
      next: iso(s.next),
      iterationCount: s.iterationCount ?? null,
      limit: s.limit ?? null,
      endDate: iso(s.endDate),
    }),
  );
  return { items, total, nextCursor };
}

async function findJob(queue: Queue, jobId: string): Promise<Job> {
  const job = await queue.getJob(jobId);
  if (!job?.id) throw new AppError('not_found', 'No such job.');
  return job;
}

/**
 * BullMQ's scripts refuse with a numeric code when the job changed under us (finished, locked
 * by a worker, part of a job scheduler): a conflict, except "job gone" (-1).
 */
function fromBullmq(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'number') return error;
  if (code === -1) return new AppError('not_found', 'No such job.', { cause: error });
  const detail =
    code === -8
      ? 'The job belongs to a job scheduler; it cannot be removed on its own.'
      : 'The job changed state meanwhile; reload and try again.';
  return new AppError('conflict', detail, { cause: error });
}

export interface JobAction {
  actorId: string;
  meta: RequestMeta;
  queue: string;
  jobId: string;
}

/**
 * BullMQ (Redis) and the audit log (PostgreSQL) cannot share a transaction: the job is changed
 * first and the audit row written after it succeeded, so the log never records an action that
 * did not happen. If that insert then fails, the request fails and the error log keeps the
 * record (actor, queue, job) — the job itself has been retried/removed.
 */
async function audit(
  deps: AppDeps,
  action: 'admin.job_retried' | 'admin.job_removed',
  a: JobAction,
  before: unknown,
  after: unknown,
) {
  try {
    await recordAudit(deps.db, {
      actorId: a.actorId,
      action,
      targetType: 'job',
      targetId: `${a.queue}:${a.jobId}`,
      meta: a.meta,
      before,
      after,
    });
  } catch (error) {
    deps.logger?.error(
      { err: error, action, actorId: a.actorId, queue: a.queue, jobId: a.jobId },
      'job action done but its audit row could not be written',
    );
    throw error;
  }
}

const auditView = (job: Job, state: string) => ({
  name: job.name,
  state,
  attemptsMade: job.attemptsMade,
  failedReason: job.failedReason || null,
});

/**
 * Moves a failed job back to waiting with its attempts reset: a manual retry gets the queue's
 * whole retry policy again, not one last attempt.
 */
export async function retryJob(deps: AppDeps, a: JobAction): Promise<AdminJob> {
  const queue = queueFor(deps, a.queue);
  const job = await findJob(queue, a.jobId);
  const state = await job.getState();
  if (state !== 'failed')
    throw new AppError('conflict', `Only failed jobs can be retried; this one is ${state}.`);
  const before = auditView(job, state);
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch((error) => {
    throw fromBullmq(error);
  });
  // `retry` updated the job object (attempts, reason). Audit before reading anything else: a
  // worker may already be running the job, or have finished and removed it.
  await audit(deps, 'admin.job_retried', a, before, auditView(job, 'waiting'));
  return toAdminJob(job, await job.getState());
}

/** Removes a job that is not running (a worker holds the lock of an active one). */
export async function removeJob(deps: AppDeps, a: JobAction): Promise<void> {
  const queue = queueFor(deps, a.queue);
  const job = await findJob(queue, a.jobId);
  const state = await job.getState();
  if (state === 'active')
    throw new AppError('conflict', 'The job is running; it can be removed once it finished.');
  const before = auditView(job, state);
  await job.remove().catch((error) => {
    // Job.remove throws a plain Error (no code) when a worker took the lock meanwhile.
    const mapped = fromBullmq(error);
    throw mapped === error && /locked/i.test(String((error as Error)?.message))
      ? new AppError('conflict', 'The job is running; it can be removed once it finished.', { cause: error })
      : mapped;
  });
  await audit(deps, 'admin.job_removed', a, before, null);
}
