import { QueueName } from '@repo/contracts';
import { type MetricsOptions, MetricsTime, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis } from './connection';
import { createQueue } from './queues';

// Types and classes other workspaces need to read queues without depending on bullmq themselves.
export type { Job, JobSchedulerJson, JobType, Queue } from 'bullmq';
export { Worker } from 'bullmq';

/**
 * Per-minute completed/failed counts every Worker records (BullMQ "metrics"), read by the admin
 * jobs console (throughput over the last hour) and charts. Two weeks of minutes is ~20k short
 * list entries per queue and outcome: a few hundred KB of Redis.
 */
export const workerMetrics: MetricsOptions = { maxDataPoints: MetricsTime.TWO_WEEKS };

export const queueNames = (): QueueName[] => Object.values(QueueName);

export const isQueueName = (name: string): name is QueueName =>
  (Object.values(QueueName) as string[]).includes(name);

export interface QueueRegistryOptions {
  url: string;
  /** BullMQ key prefix (REDIS_PREFIX), the same the producers and workers use. */
  prefix: string;
  connectionName?: string;
  /** Connection errors (ioredis retries on its own); without a listener they would be thrown. */
  onError?: (error: Error) => void;
}

/** Queue handles for readers (the API's jobs console), created on first use, closed together. */
export interface QueueRegistry {
  get(name: QueueName): Queue;
  close(): Promise<void>;
}

/**
 * Nothing connects until a queue is first asked for, so processes that never open the console
 * pay nothing. One `producer` connection (fails fast, never blocks) serves every queue.
 */
export function createQueueRegistry(opts: QueueRegistryOptions): QueueRegistry {
  let connection: Redis | undefined;
  const queues = new Map<QueueName, Queue>();
  // ioredis reports the same error on every reconnect attempt: pass each distinct one on once.
  let lastError = '';
  const onError = (error: Error) => {
    if (error.message !== lastError) opts.onError?.(error);
    lastError = error.message;
  };
  return {
    get(name) {
      const existing = queues.get(name);
      if (existing) return existing;
      connection ??= createRedis(opts.url, {
        role: 'producer',
        connectionName: opts.connectionName ?? 'queue-registry',
      })
        .on('error', onError)
        .on('ready', () => {
          lastError = '';
        });
      const queue = createQueue(name, { connection, prefix: opts.prefix });
      queue.on('error', onError);
      queues.set(name, queue);
      return queue;
    },
    async close() {
      const open = [...queues.values()];
      queues.clear();
      // A shared connection is not closed by Queue.close(); it is quit last.
      await Promise.allSettled(open.map((q) => q.close()));
      if (connection) await connection.quit().catch(() => connection?.disconnect());
      connection = undefined;
    },
  };
}
