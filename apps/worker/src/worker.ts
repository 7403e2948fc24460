import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { QueueName } from '@repo/contracts';
import { createDb } from '@repo/db';
import type { Logger } from '@repo/observability';
import { createQueue, createRedis, queueOptions, recordJobStats, workerMetrics } from '@repo/queue';
import { createS3Client, createStorage } from '@repo/storage';
import { Worker } from 'bullmq';
import type { WorkerEnv } from './env';
import { startFiles } from './files';
import { createWorkerFlags } from './flags';
import { startHealthServer } from './health';
import { listenForOutbox } from './outbox/notify';
import { startRelay } from './outbox/relay';
import { createEmailProcessor, createSmtpTransport } from './processors/email';
import { startMaintenance } from './processors/maintenance';
import { startWebhooks } from './webhooks';

export interface RunningWorker {
  healthPort: number;
  /** Graceful drain: stop relaying, finish active jobs, close every connection. */
  stop(): Promise<void>;
}

/**
 * Wires processors, the outbox relay and the health server from the environment. Kept apart
 * from main.ts so telemetry can be initialised before any instrumented module is imported.
 */
export async function startWorker(env: WorkerEnv, logger: Logger): Promise<RunningWorker> {
  const db = createDb({ url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX });
  // Separate connections: BullMQ Workers block on theirs; producers must fail fast instead.
  const workerRedis = createRedis(env.REDIS_URL, { role: 'worker', connectionName: 'worker' });
  const producerRedis = createRedis(env.REDIS_URL, { role: 'producer', connectionName: 'worker-relay' });
  for (const [name, client] of [
    ['worker', workerRedis],
    ['producer', producerRedis],
  ] as const) {
    client.on('error', (err) => logger.warn({ err, connection: name }, 'redis connection error'));
  }

  const flags = createWorkerFlags({
    db,
    redis: producerRedis,
    prefix: env.REDIS_PREFIX,
    nodeEnv: env.NODE_ENV,
    logger: logger.child({ component: 'flags' }),
  });
  await flags.start();

  const emailQueue = createQueue(QueueName.email, { connection: producerRedis, prefix: env.REDIS_PREFIX });
  const transport = createSmtpTransport(env.SMTP_URL);
  const emailWorker = new Worker(
    QueueName.email,
    createEmailProcessor({
      transport,
      from: env.MAIL_FROM,
      appUrl: env.APP_URL,
      clock: () => new Date(),
      logger: logger.child({ queue: QueueName.email }),
    }),
    {
      ...queueOptions({ connection: workerRedis, prefix: env.REDIS_PREFIX }),
      concurrency: env.WORKER_CONCURRENCY,
      metrics: workerMetrics,
    },
  );
  emailWorker.on('failed', (job, err) =>
    logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, 'email job failed'),
  );
  emailWorker.on('error', (err) => logger.error({ err }, 'email worker error'));
  // Daily/hourly finished-job counts for the admin overview (ADR 0018); best effort.
  recordJobStats(emailWorker, {
    redis: producerRedis,
    prefix: env.REDIS_PREFIX,
    onError: (err) => logger.warn({ err }, 'job stats not recorded'),
  });
  const s3 = createS3Client(env);
  const storage = createStorage({ client: s3, bucket: env.S3_BUCKET });
  const fileLimits = {
    maxBytes: env.FILES_MAX_BYTES,
    avatarMaxBytes: env.FILES_AVATAR_MAX_BYTES,
    maxImagePixels: env.FILES_MAX_IMAGE_PIXELS,
  };
  const files = startFiles({
    db,
    workerRedis,
    producerRedis,
    prefix: env.REDIS_PREFIX,
    storage,
    limits: fileLimits,
    logger,
  });

  const maintenance = await startMaintenance({
    db,
    workerRedis,
    producerRedis,
    prefix: env.REDIS_PREFIX,
    graceDays: env.USER_DELETION_GRACE_DAYS,
    purgeCron: env.MAINTENANCE_PURGE_CRON,
    logger,
    files: {
      storage,
      limits: fileLimits,
      pendingTtlHours: env.FILES_PENDING_TTL_HOURS,
      deletedGraceDays: env.FILES_DELETED_GRACE_DAYS,
    },
  });

  const webhooks = startWebhooks({ db, workerRedis, producerRedis, env, logger });

  const relay = startRelay({
    db,
    queues: {
      [QueueName.email]: emailQueue,
      [QueueName.webhooks]: webhooks.queue,
      [QueueName.files]: files.queue,
    },
    logger: logger.child({ component: 'outbox-relay' }),
    pollMs: env.OUTBOX_POLL_MS,
  });
  const listener = listenForOutbox({
    url: env.DATABASE_URL,
    onNotify: () => relay.wake(),
    logger: logger.child({ component: 'outbox-listen' }),
  });

  const health = await startHealthServer({
    port: env.WORKER_HEALTH_PORT,
    checks: {
      postgres: () => db.$queryRaw`SELECT 1`,
      redis: () => producerRedis.ping(),
      // The files jobs read and write the bucket.
      s3: () => s3.send(new HeadBucketCommand({ Bucket: env.S3_BUCKET })),
    },
  });
  logger.info({ healthPort: health.port, concurrency: env.WORKER_CONCURRENCY }, 'worker started');

  return {
    healthPort: health.port,
    stop: async () => {
      // Order matters: nothing new is claimed or picked up while active jobs finish.
      await listener.close();
      await flags.close();
      await relay.stop();
      await emailWorker.close();
      await files.close();
      await maintenance.close();
      await webhooks.close();
      await emailQueue.close();
      transport.close();
      await Promise.allSettled([workerRedis.quit(), producerRedis.quit()]);
      s3.destroy();
      await db.$disconnect();
      await health.close();
    },
  };
}
