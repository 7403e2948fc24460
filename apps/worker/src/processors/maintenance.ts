import { MaintenanceJobName, QueueName } from '@repo/contracts';
import type { Db } from '@repo/db';
import type { Logger } from '@repo/observability';
import { createQueue, queueOptions, recordJobStats, workerMetrics } from '@repo/queue';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  abortStaleUploads,
  type HousekeepingDeps,
  purgeDeletedFiles,
  recheckStuckUploads,
  reconcileOrphans,
} from '../files/housekeeping';
import { type FileLimits, verifyFile } from '../files/verify';
import { type PurgeUsersDeps, purgeDeletedUsers } from '../maintenance/purge-users';

const SCHEDULE_RETRY_MS = 30_000;
/** How long start-up waits for the schedule before going on without it (it keeps retrying). */
const SCHEDULE_WAIT_MS = 5_000;

/**
 * When the files housekeeping runs (cron, UTC). Stale uploads hourly, so an abandoned multipart
 * upload's parts are not kept (and billed) much past FILES_PENDING_TTL_HOURS; the purge and the
 * bucket listing once a day, at quiet hours, after the accounts purge.
 */
export const FILES_SCHEDULES = {
  [MaintenanceJobName.filesAbortStale]: '17 * * * *',
  [MaintenanceJobName.filesPurgeDeleted]: '40 3 * * *',
  [MaintenanceJobName.filesReconcileOrphans]: '20 4 * * *',
} as const;

export type FilesHousekeepingOptions = Pick<
  HousekeepingDeps,
  'storage' | 'pendingTtlHours' | 'deletedGraceDays'
> & { limits: FileLimits };

export type MaintenanceProcessorDeps = PurgeUsersDeps & {
  logger: Logger;
  /** The files jobs' bucket and limits; without them (tests of the accounts purge) those jobs fail at once. */
  files?: FilesHousekeepingOptions;
};

type Task = (deps: MaintenanceProcessorDeps) => Promise<Record<string, number>>;

/** What each job does, and the line it logs when done. Each is idempotent. */
const TASKS: Record<MaintenanceJobName, { run: Task; done: string }> = {
  [MaintenanceJobName.usersPurge]: {
    run: (deps) => purgeDeletedUsers(deps).then((r) => ({ ...r })),
    done: 'deleted accounts purged',
  },
  [MaintenanceJobName.filesAbortStale]: {
    run: async (deps) => ({
      ...(await abortStaleUploads(filesDeps(deps))),
      ...(await recheckStuckUploads(filesDeps(deps))),
    }),
    done: 'stale uploads aborted, stuck ones checked',
  },
  [MaintenanceJobName.filesPurgeDeleted]: {
    run: (deps) => purgeDeletedFiles(filesDeps(deps)),
    done: 'deleted files purged',
  },
  [MaintenanceJobName.filesReconcileOrphans]: {
    run: (deps) => reconcileOrphans(filesDeps(deps)),
    done: 'orphan objects reconciled',
  },
};

function filesDeps(deps: MaintenanceProcessorDeps): HousekeepingDeps {
  if (!deps.files) throw new UnrecoverableError('files housekeeping is not configured');
  const { limits, ...files } = deps.files;
  const verify = { db: deps.db, storage: files.storage, limits, clock: deps.clock, logger: deps.logger };
  return {
    db: deps.db,
    clock: deps.clock,
    ...files,
    ...(deps.stopping ? { stopping: deps.stopping } : {}),
    recheck: (fileId) => verifyFile(verify, fileId),
  };
}

const isMaintenanceJob = (name: string): name is MaintenanceJobName => Object.hasOwn(TASKS, name);

/** Processor for the `maintenance` queue: periodic housekeeping jobs, each idempotent. */
export function createMaintenanceProcessor(deps: MaintenanceProcessorDeps) {
  return async function processMaintenance(job: Job): Promise<Record<string, number>> {
    if (!isMaintenanceJob(job.name)) throw new UnrecoverableError(`Unknown maintenance job: ${job.name}`);
    const task = TASKS[job.name];
    const result = await task.run(deps);
    deps.logger.info({ jobId: job.id, job: job.name, ...result }, task.done);
    return result;
  };
}

export interface MaintenanceOptions {
  db: Db;
  /** Blocking connection for the Worker; `producer` for the Queue that upserts schedulers. */
  workerRedis: Redis;
  producerRedis: Redis;
  prefix: string;
  graceDays: number;
  /** MAINTENANCE_PURGE_CRON (UTC). */
  purgeCron: string;
  logger: Logger;
  /** The files housekeeping jobs' dependencies; their schedulers are registered only with them. */
  files?: FilesHousekeepingOptions;
}

/**
 * Registers the maintenance job schedulers and starts their Worker. `upsertJobScheduler` with a
 * fixed id is idempotent: every worker instance calls it at start, there is still one scheduler,
 * and each run is one job (its id is derived from the scheduler and the run time). The last
 * instance started wins if their settings differ.
 */
export async function startMaintenance(opts: MaintenanceOptions): Promise<{ close(): Promise<void> }> {
  const queue = createQueue(QueueName.maintenance, { connection: opts.producerRedis, prefix: opts.prefix });
  const logger = opts.logger.child({ queue: QueueName.maintenance });
  let stopping = false;
  let retry: NodeJS.Timeout | undefined;
  // Not awaited: a worker started while Redis is down must still come up (and serve health),
  // then register the schedule once Redis is back.
  const schedule = async (): Promise<void> => {
    try {
      const schedules: [MaintenanceJobName, string][] = [
        [MaintenanceJobName.usersPurge, opts.purgeCron],
        ...(opts.files ? (Object.entries(FILES_SCHEDULES) as [MaintenanceJobName, string][]) : []),
      ];
      for (const [name, pattern] of schedules) {
        await queue.upsertJobScheduler(name, { pattern, tz: 'UTC' }, { name, data: {} });
      }
    } catch (err) {
      if (stopping) return;
      logger.warn({ err }, 'could not register the maintenance schedule; retrying');
      retry = setTimeout(() => void schedule(), SCHEDULE_RETRY_MS);
      retry.unref();
    }
  };
  await Promise.race([schedule(), new Promise((resolve) => setTimeout(resolve, SCHEDULE_WAIT_MS).unref())]);
  const worker = new Worker(
    QueueName.maintenance,
    createMaintenanceProcessor({
      db: opts.db,
      graceDays: opts.graceDays,
      clock: () => new Date(),
      stopping: () => stopping,
      logger,
      ...(opts.files ? { files: opts.files } : {}),
    }),
    {
      ...queueOptions({ connection: opts.workerRedis, prefix: opts.prefix }),
      // Housekeeping is not urgent: one job at a time per instance keeps the database pool free.
      concurrency: 1,
      metrics: workerMetrics,
    },
  );
  worker.on('failed', (job, err) =>
    logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'maintenance job failed'),
  );
  worker.on('error', (err) => logger.error({ err }, 'maintenance worker error'));
  // Counted in the admin overview like every queue's jobs (ADR 0018); best effort.
  recordJobStats(worker, {
    redis: opts.producerRedis,
    prefix: opts.prefix,
    onError: (err) => logger.warn({ err }, 'job stats not recorded'),
  });
  return {
    close: async () => {
      // The active purge ends after its current batch commits; the rest waits for the next run.
      stopping = true;
      clearTimeout(retry);
      await worker.close();
      await queue.close();
    },
  };
}
