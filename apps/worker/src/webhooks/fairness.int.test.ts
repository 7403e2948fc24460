import { randomUUID } from 'node:crypto';
import { QueueName, WebhookJobName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { afterAll, expect, it } from 'vitest';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { startWebhooks } from './index';
import { createEndpoint, startReceiver } from './webhooks.test-support';

// Fairness between organizations (docs/webhooks.md): a burst of one organization's events must
// not starve another organization's single event. Its own file: the burst is large on purpose.

const BURST = 10_000;
const CONCURRENCY = 10;

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 8 });
const KEY = requireEnv('TOTP_ENCRYPTION_KEY');
const redisUrl = requireEnv('REDIS_URL');
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  await db.$disconnect();
});

function fanoutJob(organizationId: string) {
  const eventId = randomUUID();
  return {
    name: WebhookJobName.fanout,
    data: {
      eventId,
      organizationId,
      type: 'member.added',
      timestamp: new Date().toISOString(),
      data: {
        member: { userId: randomUUID(), email: 'dana@example.com', name: 'Dana Probe', role: 'member' },
      },
    },
    opts: { jobId: eventId },
  };
}

it(`one event of a quiet organization goes ahead of ${BURST.toLocaleString('en')} a busy one emitted just before`, async () => {
  const receiver = await startReceiver();
  closers.push(receiver.close);
  const busy = await createEndpoint(db, KEY, { url: receiver.url('/busy') });
  const quiet = await createEndpoint(db, KEY, { url: receiver.url('/quiet') });

  // The whole burst and then the quiet event are queued before any worker runs, so the order
  // the worker meets them in is the worst case: the quiet event is last in line.
  const prefix = uniquePrefix('fairness');
  const producerRedis = createRedis(redisUrl, { role: 'producer' });
  const queue = createQueue(QueueName.webhooks, { connection: producerRedis, prefix });
  closers.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await producerRedis.quit();
  });
  for (let i = 0; i < BURST; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, BURST - i) }, () => fanoutJob(busy.organizationId)),
    );
  }
  const quietEvent = fanoutJob(quiet.organizationId);
  await queue.add(quietEvent.name, quietEvent.data, quietEvent.opts);

  const workerRedis = createRedis(redisUrl, { role: 'worker' });
  const hooks = startWebhooks({
    db,
    workerRedis,
    producerRedis,
    env: {
      TOTP_ENCRYPTION_KEY: KEY,
      WEBHOOK_ALLOW_HTTP: true,
      WEBHOOK_ALLOWED_CIDRS: ['127.0.0.1/32'],
      WEBHOOK_TIMEOUT_MS: 5_000,
      WEBHOOK_RETRY_SCHEDULE: [0],
      WEBHOOK_ENDPOINT_CONCURRENCY: CONCURRENCY,
      WEBHOOK_WORKER_CONCURRENCY: CONCURRENCY,
      WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: 20,
      WEBHOOK_DISABLE_AFTER_FAILING_DAYS: 5,
      REDIS_PREFIX: prefix,
    },
    logger: silentLogger,
    random: () => 0.5,
    circuit: { failureThreshold: 100 },
  });
  hooks.worker.on('error', () => {});
  closers.push(async () => {
    await hooks.close();
    await workerRedis.quit();
  });

  await waitFor(async () => receiver.at('/quiet').length > 0, 'the quiet organization’s delivery', 240_000);
  // How many busy deliveries arrived before the quiet one, by arrival order. Each busy delivery
  // was queued with priority = its place in that organization's backlog, the quiet one with
  // priority 1, so it passes all but the few busy ones workers took while it was being fanned out.
  // Without fairness it would arrive last, after all of them.
  const busyBefore = receiver.received.findIndex((r) => r.path === '/quiet');
  expect(busyBefore).toBeLessThan(BURST / 100);
  const quietDelivery = await waitFor(async () => {
    const d = await db.webhookDelivery.findFirst({
      where: { endpointId: quiet.id },
      select: { status: true },
    });
    return d && d.status !== 'pending' ? d : undefined;
  }, 'the quiet delivery to be recorded');
  expect(quietDelivery.status).toBe('succeeded');
  // And the burst was fanned out in full: every busy event has its pending delivery.
  expect(await db.webhookDelivery.count({ where: { endpointId: busy.id } })).toBe(BURST);
}, 300_000);
