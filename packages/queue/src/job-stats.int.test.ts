import { randomUUID } from 'node:crypto';
import { QueueName } from '@repo/contracts';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis } from './connection';
import { jobStatsKey, readJobStats, recordJobStats } from './job-stats';
import { createQueue, queueOptions } from './queues';

const url = process.env.REDIS_URL ?? '';
const prefix = `${process.env.REDIS_PREFIX ?? 'test'}-js${randomUUID().slice(0, 8)}`;
const producer = createRedis(url, { role: 'producer' });
const blocking = createRedis(url, { role: 'worker' });
afterAll(async () => {
  await Promise.allSettled([producer.quit(), blocking.quit()]);
});

describe('recordJobStats', () => {
  let worker: Worker;
  const errors: unknown[] = [];
  beforeAll(() => {
    // Fails the first attempt of jobs marked `flaky`, every attempt of jobs marked `broken`.
    worker = new Worker(
      QueueName.email,
      async (job) => {
        const data = job.data as { flaky?: boolean; broken?: boolean };
        if (data.broken || (data.flaky && job.attemptsMade === 0)) throw new Error('no');
        return 'ok';
      },
      queueOptions({ connection: blocking, prefix }),
    );
    worker.on('error', () => {});
    recordJobStats(worker, { redis: producer, prefix, onError: (e) => errors.push(e) });
  });
  afterAll(() => worker.close(true));

  it('counts completions, and a failure only once the job gives up', async () => {
    const queue = createQueue(QueueName.email, { connection: producer, prefix });
    await queue.add('ok', {}, { attempts: 1 });
    await queue.add('flaky', { flaky: true }, { attempts: 2, backoff: 0 });
    await queue.add('broken', { broken: true }, { attempts: 2, backoff: 0 });
    const day = new Date();
    const read = () => readJobStats(producer, prefix, 'day', [day]);
    await vi.waitFor(async () => expect(await read()).toEqual([{ completed: 2, failed: 1 }]), {
      timeout: 10_000,
      interval: 50,
    });
    expect(await readJobStats(producer, prefix, 'hour', [day])).toEqual([{ completed: 2, failed: 1 }]);
    // Per queue and outcome, expiring: the day counter outlives a 90-day range and its previous one.
    const key = jobStatsKey(prefix, 'day', day);
    expect(await producer.hgetall(key)).toEqual({ 'email:completed': '2', 'email:failed': '1' });
    expect(await producer.ttl(key)).toBeGreaterThan(181 * 86_400);
    expect(await producer.ttl(jobStatsKey(prefix, 'hour', day))).toBeGreaterThan(2 * 86_400);
    expect(errors).toEqual([]);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('reads missing buckets as zeros', async () => {
    expect(await readJobStats(producer, prefix, 'day', [new Date('2001-01-01T00:00:00Z')])).toEqual([
      { completed: 0, failed: 0 },
    ]);
  });
});
