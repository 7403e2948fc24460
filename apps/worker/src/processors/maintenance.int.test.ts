import { MaintenanceJobName, QueueName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { uniqueEmail } from '@repo/testing';
import { afterAll, expect, it } from 'vitest';
import { isolatedStorage } from '../files/files.test-support';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { FILES_SCHEDULES, startMaintenance } from './maintenance';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
const redis = () => createRedis(requireEnv('REDIS_URL'), { role: 'producer' });
const workerRedis = () => createRedis(requireEnv('REDIS_URL'), { role: 'worker' });
const opened: { quit(): Promise<unknown> }[] = [];
afterAll(async () => {
  await Promise.allSettled(opened.map((c) => c.quit()));
  await db.$disconnect();
});

function instance(prefix: string, purgeCron: string) {
  const producerRedis = redis();
  const blocking = workerRedis();
  opened.push(producerRedis, blocking);
  return startMaintenance({
    db,
    workerRedis: blocking,
    producerRedis,
    prefix,
    graceDays: 30,
    purgeCron,
    logger: silentLogger,
  });
}

it('several worker instances register one purge scheduler; a purge job runs the purge', async () => {
  const prefix = uniquePrefix('maintenance');
  const connection = redis();
  opened.push(connection);
  const queue = createQueue(QueueName.maintenance, { connection, prefix });
  const first = await instance(prefix, '0 3 * * *');
  const second = await instance(prefix, '15 4 * * *');
  try {
    expect(await queue.getJobSchedulersCount()).toBe(1);
    const [scheduler] = await queue.getJobSchedulers(0, -1, true);
    // Upserted, not added: the instance started last sets the pattern.
    expect(scheduler).toMatchObject({
      key: 'users.purge',
      name: 'users.purge',
      pattern: '15 4 * * *',
      tz: 'UTC',
    });
    expect(scheduler?.next).toBeGreaterThan(Date.now());

    const user = await db.user.create({
      data: { email: uniqueEmail('due'), name: 'Due', deletedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const job = await queue.add(MaintenanceJobName.usersPurge, {});
    const done = await waitFor(async () => {
      const state = await job.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    }, 'the purge job');
    expect(done).toBe('completed');
    expect((await queue.getJob(String(job.id)))?.returnvalue).toMatchObject({ purged: expect.any(Number) });
    expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();

    // An unknown job name fails at once instead of being retried eight times.
    const unknown = await queue.add('nope', {});
    await waitFor(async () => (await unknown.getState()) === 'failed', 'the unknown job to fail');
    expect((await queue.getJob(String(unknown.id)))?.attemptsMade).toBe(1);
  } finally {
    await first.close();
    await second.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

it('with a bucket, registers the files housekeeping schedulers too, and runs their jobs', async () => {
  const prefix = uniquePrefix('maintenance-files');
  const connection = redis();
  const producerRedis = redis();
  const blocking = workerRedis();
  opened.push(connection, producerRedis, blocking);
  const bucket = await isolatedStorage('maintenance');
  const queue = createQueue(QueueName.maintenance, { connection, prefix });
  const running = await startMaintenance({
    db,
    workerRedis: blocking,
    producerRedis,
    prefix,
    graceDays: 30,
    purgeCron: '0 3 * * *',
    logger: silentLogger,
    files: {
      storage: bucket.storage,
      limits: { maxBytes: 1024, avatarMaxBytes: 1024, maxImagePixels: 1_000_000 },
      pendingTtlHours: 24,
      deletedGraceDays: 7,
    },
  });
  try {
    // What the admin jobs console lists for the queue.
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual(
      [
        ['users.purge', '0 3 * * *', 'UTC'],
        ...Object.entries(FILES_SCHEDULES).map(([name, pattern]) => [name, pattern, 'UTC']),
      ].sort(),
    );
    expect(Object.keys(FILES_SCHEDULES).sort()).toEqual([
      MaintenanceJobName.filesAbortStale,
      MaintenanceJobName.filesPurgeDeleted,
      MaintenanceJobName.filesReconcileOrphans,
    ]);

    for (const name of Object.keys(FILES_SCHEDULES)) {
      const job = await queue.add(name, {});
      const state = await waitFor(async () => {
        const s = await job.getState();
        return s === 'completed' || s === 'failed' ? s : undefined;
      }, `the ${name} job`);
      expect(state).toBe('completed');
    }
  } finally {
    await running.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await bucket.close();
  }
});
