import { type EmailJob, QueueName } from '@repo/contracts';
import { createQueue, createRedis, enqueueEmail, queueOptions } from '@repo/queue';
import { mailbox, uniqueEmail } from '@repo/testing';
import { type Job, type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { createEmailProcessor, createSmtpTransport } from './email';

const FROM = 'Groundwork <no-reply@groundwork.test>';
let producer: Redis;
let prefix: string;
let queue: Queue;
const workers: Worker[] = [];

function startWorker(smtpUrl: string, now = () => new Date()): Worker {
  const transport = createSmtpTransport(smtpUrl);
  const processor = createEmailProcessor({
    transport,
    from: FROM,
    appUrl: 'http://app.test',
    clock: now,
    logger: silentLogger,
  });
  const worker = new Worker(QueueName.email, processor, {
    ...queueOptions({ connection: createRedis(requireEnv('REDIS_URL'), { role: 'worker' }), prefix }),
    concurrency: 2,
  });
  worker.on('error', () => {});
  worker.on('closed', () => transport.close());
  workers.push(worker);
  return worker;
}

const job = (to: string, overrides: Partial<EmailJob> = {}): EmailJob => ({
  template: 'waitlist-welcome',
  to,
  locale: 'en',
  props: { email: to },
  ...overrides,
});

async function settled(id: string) {
  return waitFor(async () => {
    const j = await queue.getJob(id);
    const state = await j?.getState();
    return state === 'completed' || state === 'failed' ? ((await queue.getJob(id)) as Job) : undefined;
  }, `job ${id} to finish`);
}

beforeAll(() => {
  producer = createRedis(requireEnv('REDIS_URL'), { role: 'producer' });
});
beforeEach(() => {
  prefix = uniquePrefix('email');
  queue = createQueue(QueueName.email, { connection: producer, prefix });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await queue.obliterate({ force: true });
  await queue.close();
});
afterAll(async () => {
  await producer.quit();
});

describe('email processor', () => {
  it('sends the rendered mail with html and text parts, a localized subject and a job-derived Message-ID', async () => {
    const to = uniqueEmail('proc');
    startWorker(requireEnv('SMTP_URL'));
    await enqueueEmail(queue, job(to, { locale: 'ar' }), { jobId: 'evt-ar-1' });

    const mail = await mailbox.waitForMail({ to, subject: 'أنت الآن على قائمة انتظار Groundwork' });
    expect(mail.from).toContain('no-reply@groundwork.test');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain(to);
    expect(mail.text).toContain(to);

    const raw = await (await fetch(`${requireEnv('MAIL_INBOX_URL')}/api/messages/${mail.id}/raw`)).text();
    expect(raw).toMatch(/^Message-ID: <evt-ar-1@groundwork\.test>/im);
    expect(raw).toMatch(/^X-Entity-Ref-ID: evt-ar-1/im);
    expect(raw).toMatch(/multipart\/alternative/i);

    const done = await settled('evt-ar-1');
    expect(done.returnvalue).toEqual({
      status: 'sent',
      messageId: '<evt-ar-1@groundwork.test>',
      template: 'waitlist-welcome',
    });
  });

  it('drops a job whose notAfter has passed: completes, sends nothing', async () => {
    const to = uniqueEmail('expired');
    const now = new Date('2030-01-01T12:00:00Z');
    startWorker(requireEnv('SMTP_URL'), () => now);
    await enqueueEmail(queue, job(to, { notAfter: '2030-01-01T11:59:59Z' }), { jobId: 'evt-expired' });

    const done = await settled('evt-expired');
    expect(await done.getState()).toBe('completed');
    expect(done.returnvalue).toEqual({ status: 'dropped', reason: 'expired', template: 'waitlist-welcome' });
    // The send would have happened before completion, so the inbox is final here.
    expect(await mailbox.list({ to })).toEqual([]);
  });

  it('fails the attempt while SMTP is down and delivers on the retry', async () => {
    const to = uniqueEmail('retry');
    const down = startWorker(`smtp://127.0.0.1:${await freePort()}`);
    await enqueueEmail(queue, job(to, { locale: 'fr' }), {
      jobId: 'evt-retry',
      attempts: 5,
      // Long enough that the first worker is closed before it would try again.
      backoff: { type: 'fixed', delay: 1_000 },
    });

    const afterFirst = await waitFor(async () => {
      const j = await queue.getJob('evt-retry');
      return j && j.attemptsMade >= 1 ? j : undefined;
    }, 'the first attempt to fail');
    expect(afterFirst.failedReason).toMatch(/ECONNREFUSED|connect/i);
    expect(await mailbox.list({ to })).toEqual([]);

    // SMTP "comes back": a worker with a reachable server picks up the scheduled retry.
    await down.close();
    startWorker(requireEnv('SMTP_URL'));
    const mail = await mailbox.waitForMail({ to, subject: "Vous êtes sur la liste d'attente de Groundwork" });
    expect(mail.text).toContain('Nous vous écrirons');
    const done = await settled('evt-retry');
    expect(await done.getState()).toBe('completed');
    expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
  });

  it('fails invalid job data at once, without retries', async () => {
    startWorker(requireEnv('SMTP_URL'));
    await queue.add('waitlist-welcome', { template: 'waitlist-welcome', to: 'nobody' }, { jobId: 'evt-bad' });

    const done = await settled('evt-bad');
    expect(await done.getState()).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/invalid email job/);
  });

  it('rejects invalid jobs at the producer', async () => {
    await expect(
      enqueueEmail(queue, job('ada@example.com', { props: { email: 'nope' } }), { jobId: 'evt-x' }),
    ).rejects.toThrow();
    expect(await queue.getJob('evt-x')).toBeUndefined();
  });
});
