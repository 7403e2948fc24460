import { QueueName } from '@repo/contracts';
import { type DefaultJobOptions, Queue, type QueueOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Retry policy for every job unless a producer overrides it: 8 attempts with exponential backoff
 * from 5 s (5, 10, 20, 40, 80, 160, 320 s ≈ 10.5 min in total), enough to ride out an SMTP or
 * provider outage of several minutes without piling up retries. Finished jobs are kept bounded
 * so Redis memory stays flat; failed ones are kept longer for inspection.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

export interface QueueFactoryOptions {
  connection: Redis;
  /** BullMQ key prefix: REDIS_PREFIX, so parallel test workers never see each other's jobs. */
  prefix: string;
  defaultJobOptions?: DefaultJobOptions;
}

/** Options shared by Queues and Workers so both sides agree on prefix and connection. */
export function queueOptions(opts: QueueFactoryOptions): QueueOptions {
  return {
    connection: opts.connection,
    prefix: opts.prefix,
    defaultJobOptions: { ...defaultJobOptions, ...opts.defaultJobOptions },
  };
}

/** A producer-side queue. Only names from `QueueName` exist, so a typo cannot create a queue. */
export function createQueue(name: QueueName, opts: QueueFactoryOptions): Queue {
  if (!Object.values(QueueName).includes(name)) throw new Error(`Unknown queue: ${name}`);
  return new Queue(name, queueOptions(opts));
}
