/**
 * Identity mails through the real worker path: an OutboxEvent row → the relay (poll) → BullMQ →
 * the email processor → SMTP → the catcher. startWorker is the same wiring main.ts runs.
 */
import { type OutboxEventPayload, type OutboxEventType, QueueName } from '@repo/contracts';
import { createDb, type Prisma } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { mailbox, testEnv, uniqueEmail } from '@repo/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerEnv } from '../env';
import { type RunningWorker, startWorker } from '../worker';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { SCRUBBED_TOKEN } from './relay';

const APP_URL = 'http://app.test';
const prefix = uniquePrefix('identity-mail');
const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 2 });
let worker: RunningWorker;
let redis: Redis;
let queue: Queue;

const emit = <T extends OutboxEventType>(type: T, payload: OutboxEventPayload<T>) =>
  db.outboxEvent.create({ data: { type, payload: payload as Prisma.InputJsonObject } });
const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  // Earlier files of this vitest worker share the database: start from an empty outbox.
  await db.outboxEvent.deleteMany();
  const env = WorkerEnv.parse(
    testEnv({ APP_URL, REDIS_PREFIX: prefix, WORKER_HEALTH_PORT: '0', OUTBOX_POLL_MS: '100' }),
  );
  worker = await startWorker(env, silentLogger);
  redis = createRedis(requireEnv('REDIS_URL'), { role: 'producer' });
  queue = createQueue(QueueName.email, { connection: redis, prefix });
}, 30_000);

afterAll(async () => {
  await worker?.stop();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await redis?.quit();
  await db.$disconnect();
});

describe('identity mails end to end', () => {
  it('user.password_reset_requested: the reset link arrives, the stored event keeps no token', async () => {
    const email = uniqueEmail('reset');
    const token = 'Zr8pQ-reset_token-integration';
    const event = await emit('user.password_reset_requested', {
      userId: '0190c8a4-0000-7000-8000-00000000000a',
      email,
      locale: 'en',
      token,
      expiresAt: inOneHour(),
    });

    const mail = await mailbox.waitForMail({ to: email, subject: 'Reset your Groundwork password' }, 15_000);
    const link = `${APP_URL}/en/reset-password?token=${token}`;
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain(link);
    expect(mail.text).toContain(email);

    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.dispatchedAt).toBeInstanceOf(Date);
    expect((row.payload as { token: string }).token).toBe(SCRUBBED_TOKEN);
  });

  it('a reset whose token has already expired is dropped, not mailed', async () => {
    const email = uniqueEmail('expired');
    const event = await emit('user.password_reset_requested', {
      userId: '0190c8a4-0000-7000-8000-00000000000b',
      email,
      locale: 'fr',
      token: 'expired-token',
      expiresAt: new Date(Date.now() - 1_000).toISOString(),
    });

    // Read the job again once completed: an object fetched while it was still running keeps the
    // empty return value it had then, whatever getState() answers afterwards.
    const job = await waitFor(async () => {
      const j = await queue.getJob(event.id);
      return (await j?.getState()) === 'completed' ? queue.getJob(event.id) : undefined;
    }, 'the job to complete');
    expect(job?.returnvalue).toEqual({ status: 'dropped', reason: 'expired', template: 'reset-password' });
    // Completion comes after the send would have, so the inbox is final here.
    expect(await mailbox.list({ to: email })).toEqual([]);
  });

  it('an email change is confirmed at the NEW address, in Arabic, right to left', async () => {
    const newEmail = uniqueEmail('new');
    await emit('user.verification_requested', {
      userId: '0190c8a4-0000-7000-8000-00000000000c',
      email: newEmail,
      locale: 'ar',
      token: 'change-token',
      expiresAt: inOneHour(),
      purpose: 'change_email',
    });

    const mail = await mailbox.waitForMail(
      { to: newEmail, subject: 'أكّد عنوان بريدك الإلكتروني الجديد' },
      15_000,
    );
    expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(mail.text).toContain(`${APP_URL}/ar/verify-email?token=change-token`);
  });
});
