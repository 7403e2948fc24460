import { FileJobName, FileVerifyJob, QueueName } from '@repo/contracts';
import type { Db } from '@repo/db';
import type { Logger } from '@repo/observability';
import { createQueue, queueOptions, recordJobStats, workerMetrics } from '@repo/queue';
import type { Storage } from '@repo/storage';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type FileLimits, type VerifyOutcome, verifyFile } from './verify';

/**
 * Verify jobs per worker instance. Decoding and encoding images is CPU work on libuv's thread
 * pool (four threads by default): two jobs at a time keep one image's decode from starving the
 * rest of the worker, and a 40-megapixel decode at a time from using gigabytes.
 */
export const FILES_CONCURRENCY = 2;

export interface FilesOptions {
  db: Db;
  workerRedis: Redis;
  producerRedis: Redis;
  prefix: string;
  storage: Storage;
  limits: FileLimits;
  logger: Logger;
  clock?: () => Date;
}

/** The `files` queue's Worker: `verify` for each completed upload (docs/files.md). */
export function startFiles(opts: FilesOptions) {
  const logger = opts.logger.child({ queue: QueueName.files });
  const queue = createQueue(QueueName.files, { connection: opts.producerRedis, prefix: opts.prefix });
  const deps = {
    db: opts.db,
    storage: opts.storage,
    limits: opts.limits,
    clock: opts.clock ?? (() => new Date()),
    logger,
  };
  const worker = new Worker(
    QueueName.files,
    async (job: Job): Promise<VerifyOutcome> => {
      if (job.name !== FileJobName.verify) throw new UnrecoverableError(`Unknown files job: ${job.name}`);
      const data = FileVerifyJob.safeParse(job.data);
      if (!data.success) throw new UnrecoverableError(`invalid verify job: ${data.error.message}`);
      const result = await verifyFile(deps, data.data.fileId);
      logger.info({ jobId: job.id, fileId: data.data.fileId, ...result }, 'file checked');
      return result;
    },
    {
      ...queueOptions({ connection: opts.workerRedis, prefix: opts.prefix }),
      concurrency: FILES_CONCURRENCY,
      metrics: workerMetrics,
    },
  );
  worker.on('failed', (job, err) =>
    logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'files job failed'),
  );
  worker.on('error', (err) => logger.error({ err }, 'files worker error'));
  recordJobStats(worker, {
    redis: opts.producerRedis,
    prefix: opts.prefix,
    onError: (err) => logger.warn({ err }, 'job stats not recorded'),
  });
  return {
    queue,
    worker,
    async close() {
      // An image being processed finishes; its row is guarded, so a cut-off run is simply redone.
      await worker.close();
      await queue.close();
    },
  };
}
