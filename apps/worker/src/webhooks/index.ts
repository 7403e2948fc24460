import { QueueName, WebhookJobName } from '@repo/contracts';
import type { Db } from '@repo/db';
import type { Logger } from '@repo/observability';
import { createQueue, queueOptions, recordJobStats, workerMetrics } from '@repo/queue';
import { guardedAgent, guardPolicy } from '@repo/webhooks';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkerEnv } from '../env';
import { createDeliverProcessor, type DeliverDeps } from './deliver';
import { fanOut } from './fanout';
import { createEndpointLimits } from './limits';
import { notifyEndpointDisabled } from './notify';

export interface WebhooksOptions {
  db: Db;
  workerRedis: Redis;
  producerRedis: Redis;
  env: Pick<
    WorkerEnv,
    | 'REDIS_PREFIX'
    | 'TOTP_ENCRYPTION_KEY'
    | 'WEBHOOK_ALLOW_HTTP'
    | 'WEBHOOK_ALLOWED_CIDRS'
    | 'WEBHOOK_TIMEOUT_MS'
    | 'WEBHOOK_RETRY_SCHEDULE'
    | 'WEBHOOK_ENDPOINT_CONCURRENCY'
    | 'WEBHOOK_WORKER_CONCURRENCY'
    | 'WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES'
    | 'WEBHOOK_DISABLE_AFTER_FAILING_DAYS'
  >;
  logger: Logger;
  /** The circuit breaker's tuning; the defaults suit production. */
  circuit?: { failureThreshold?: number; baseOpenMs?: number };
  /** Tests pass a controlled clock and jitter. */
  clock?: DeliverDeps['clock'];
  random?: DeliverDeps['random'];
}

/** The `webhooks` queue's processor and its Worker: fan-out and deliveries (docs/webhooks.md). */
export function startWebhooks(opts: WebhooksOptions) {
  const { env, logger } = opts;
  const queue = createQueue(QueueName.webhooks, { connection: opts.producerRedis, prefix: env.REDIS_PREFIX });
  const policy = guardPolicy({ allowHttp: env.WEBHOOK_ALLOW_HTTP, allowCidrs: env.WEBHOOK_ALLOWED_CIDRS });
  const dispatcher = guardedAgent(policy, {
    connectTimeoutMs: Math.min(env.WEBHOOK_TIMEOUT_MS, 10_000),
    connections: env.WEBHOOK_ENDPOINT_CONCURRENCY,
  });
  const deliver = createDeliverProcessor({
    db: opts.db,
    dispatcher,
    limits: createEndpointLimits({
      redis: opts.producerRedis,
      prefix: env.REDIS_PREFIX,
      concurrency: env.WEBHOOK_ENDPOINT_CONCURRENCY,
      leaseMs: env.WEBHOOK_TIMEOUT_MS + 10_000,
      ...opts.circuit,
    }),
    secretsKey: env.TOTP_ENCRYPTION_KEY,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    schedule: env.WEBHOOK_RETRY_SCHEDULE,
    disableRule: {
      failedMessages: env.WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES,
      failingDays: env.WEBHOOK_DISABLE_AFTER_FAILING_DAYS,
    },
    onDisabled: async (tx, endpointId, now) => {
      logger.warn({ endpointId }, 'webhook endpoint disabled');
      await notifyEndpointDisabled(tx, endpointId, now);
    },
    logger: logger.child({ component: 'webhooks' }),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.random ? { random: opts.random } : {}),
  });

  const worker = new Worker(
    QueueName.webhooks,
    async (job: Job, token?: string) => {
      if (job.name === WebhookJobName.fanout) return fanOut({ db: opts.db, queue }, job.data);
      if (job.name === WebhookJobName.deliver) return deliver(job, token);
      throw new UnrecoverableError(`Unknown webhooks job: ${job.name}`);
    },
    {
      ...queueOptions({ connection: opts.workerRedis, prefix: env.REDIS_PREFIX }),
      concurrency: env.WEBHOOK_WORKER_CONCURRENCY,
      metrics: workerMetrics,
      // A crashed worker's in-flight deliveries are picked up again within ~25 s instead of
      // BullMQ's default ~60 s (the lock is renewed every 7.5 s while a request runs).
      lockDuration: 15_000,
      stalledInterval: 10_000,
    },
  );
  worker.on('failed', (job, err) =>
    logger.warn(
      { err, jobId: job?.id, name: job?.name, attemptsMade: job?.attemptsMade },
      'webhooks job failed',
    ),
  );
  worker.on('error', (err) => logger.error({ err }, 'webhooks worker error'));
  recordJobStats(worker, {
    redis: opts.producerRedis,
    prefix: env.REDIS_PREFIX,
    onError: (err) => logger.warn({ err }, 'job stats not recorded'),
  });

  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await dispatcher.close();
    },
  };
}
