import { randomUUID } from 'node:crypto';
import { QueueName, WebhookJobName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { sealEndpointSecret } from '@repo/webhooks';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { startWebhooks } from './index';
import { createEndpoint, startReceiver } from './webhooks.test-support';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
const KEY = requireEnv('TOTP_ENCRYPTION_KEY');
const redisUrl = requireEnv('REDIS_URL');
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const running: { close(): Promise<void> }[] = [];

const baseEnv = {
  TOTP_ENCRYPTION_KEY: KEY,
  WEBHOOK_ALLOW_HTTP: true,
  WEBHOOK_ALLOWED_CIDRS: ['127.0.0.1/32'],
  WEBHOOK_TIMEOUT_MS: 1_000,
  WEBHOOK_RETRY_SCHEDULE: [0, 100, 100],
  WEBHOOK_ENDPOINT_CONCURRENCY: 4,
  WEBHOOK_WORKER_CONCURRENCY: 10,
  WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: 20,
  WEBHOOK_DISABLE_AFTER_FAILING_DAYS: 5,
};

/** A webhooks worker on a prefix of its own, with no jitter. */
function start(
  env: Partial<typeof baseEnv> = {},
  circuit: { failureThreshold?: number; baseOpenMs?: number } = { failureThreshold: 100 },
) {
  const workerRedis = createRedis(redisUrl, { role: 'worker' });
  const producerRedis = createRedis(redisUrl, { role: 'producer' });
  const prefix = uniquePrefix('webhooks');
  const hooks = startWebhooks({
    db,
    workerRedis,
    producerRedis,
    env: { ...baseEnv, ...env, REDIS_PREFIX: prefix },
    logger: silentLogger,
    random: () => 0.5,
    circuit,
  });
  hooks.worker.on('error', () => {});
  running.push({
    close: async () => {
      await hooks.close();
      await createQueue(QueueName.webhooks, { connection: producerRedis, prefix })
        .obliterate({ force: true })
        .catch(() => {});
      await Promise.allSettled([workerRedis.quit(), producerRedis.quit()]);
    },
  });
  return hooks;
}

/** What the outbox relay would enqueue for one published event. */
async function publish(
  hooks: ReturnType<typeof start>,
  organizationId: string,
  type = 'member.added',
  extra: { endpointId?: string } = {},
) {
  const eventId = randomUUID();
  const data =
    type === 'webhook.test'
      ? { endpointId: extra.endpointId, message: 'hi' }
      : { member: { userId: randomUUID(), email: 'dana@example.com', name: 'Dana Probe', role: 'member' } };
  await hooks.queue.add(
    WebhookJobName.fanout,
    { eventId, organizationId, type, timestamp: new Date().toISOString(), data, ...extra },
    { jobId: eventId },
  );
  return eventId;
}

const deliveryOf = (messageId: string, endpointId: string) =>
  db.webhookDelivery.findUnique({
    where: { messageId_endpointId: { messageId, endpointId } },
    include: { attempts: { orderBy: { number: 'asc' } } },
  });

async function finished(messageId: string, endpointId: string) {
  return waitFor(async () => {
    const d = await deliveryOf(messageId, endpointId);
    return d && d.status !== 'pending' ? d : undefined;
  }, `delivery of ${messageId} to finish`);
}

beforeAll(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

describe('webhook delivery', () => {
  it('signs per Standard Webhooks: the reference library verifies the delivery', async () => {
    const hooks = start();
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/signed') });
    const messageId = await publish(hooks, ep.organizationId);
    const delivery = await finished(messageId, ep.id);
    expect(delivery.status).toBe('succeeded');
    const [got] = receiver.at('/signed');
    if (!got) throw new Error('nothing received');
    const verified = new Webhook(ep.secret).verify(got.body, got.headers as Record<string, string>);
    expect(verified).toMatchObject({
      id: messageId,
      type: 'member.added',
      version: 1,
      organizationId: ep.organizationId,
      data: { member: { email: 'dana@example.com' } },
    });
    expect(got.headers['webhook-id']).toBe(messageId);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, responseStatus: 204, error: null });
  });

  it('retries failures on the schedule and honours Retry-After, on one job', async () => {
    const hooks = start();
    let calls = 0;
    receiver.on('/flaky', (res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('boom');
      else if (calls === 2) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200).end('ok');
    });
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/flaky') });
    const messageId = await publish(hooks, ep.organizationId);
    const delivery = await finished(messageId, ep.id);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([500, 429, 200]);
    expect(delivery.attempts[0]?.responseBody).toBe('boom');
    const times = receiver.at('/flaky').map((r) => r.at);
    // The schedule says 100 ms after the 500; the 429 asked for a second, which wins.
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(950);
    const ids = new Set(receiver.at('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids).toEqual(new Set([messageId]));
  });

  it('fails a message once the schedule is exhausted, and disables the endpoint by the rule', async () => {
    const hooks = start({ WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES: 2 });
    receiver.on('/down', (res) => res.writeHead(503).end());
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/down') });
    const first = await finished(await publish(hooks, ep.organizationId), ep.id);
    expect(first.status).toBe('failed');
    expect(first.attempts).toHaveLength(3);
    let row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row).toMatchObject({ consecutiveFailures: 1, disabledAt: null });
    expect(row.failingSince).toBeInstanceOf(Date);
    await finished(await publish(hooks, ep.organizationId), ep.id);
    row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row).toMatchObject({ consecutiveFailures: 2, disabledReason: 'failing' });
    expect(row.disabledAt).toBeInstanceOf(Date);
    const audit = await db.auditLog.findFirst({ where: { action: 'org.webhook_disabled', targetId: ep.id } });
    expect(audit?.organizationId).toBe(ep.organizationId);
    // A disabled endpoint gets nothing new.
    const before = receiver.at('/down').length;
    const later = await publish(hooks, ep.organizationId);
    await waitFor(
      async () => (await db.webhookMessage.findUnique({ where: { id: later } })) ?? undefined,
      'fan-out',
    );
    expect(await deliveryOf(later, ep.id)).toBeNull();
    expect(receiver.at('/down').length).toBe(before);
  });

  it('opens the circuit after failures in a row: the endpoint rests before the next attempt', async () => {
    const hooks = start({}, { failureThreshold: 2, baseOpenMs: 800 });
    receiver.on('/tripped', (res) => res.writeHead(500).end());
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/tripped') });
    const delivery = await finished(await publish(hooks, ep.organizationId), ep.id);
    expect(delivery.attempts).toHaveLength(3);
    const times = receiver.at('/tripped').map((r) => r.at);
    // Attempt 2 came 100 ms after attempt 1 (the schedule); it opened the circuit for 800 ms.
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(750);
  });

  it('disables at once on 410 Gone, without retrying', async () => {
    const hooks = start();
    receiver.on('/gone', (res) => res.writeHead(410).end());
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/gone') });
    const delivery = await finished(await publish(hooks, ep.organizationId), ep.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(1);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({
      disabledReason: 'gone',
    });
  });

  it('tells the owners and admins by mail (through the outbox) when it disables an endpoint', async () => {
    const hooks = start();
    receiver.on('/gone-again', (res) => res.writeHead(410).end());
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/gone-again') });
    const person = async (role: 'owner' | 'admin' | 'member', locale: string) => {
      const user = await db.user.create({
        data: { email: `${role}-${randomUUID()}@example.com`, name: role, locale },
      });
      await db.membership.create({ data: { organizationId: ep.organizationId, userId: user.id, role } });
      return user;
    };
    const owner = await person('owner', 'fr');
    const admin = await person('admin', 'en');
    await person('member', 'en');
    await finished(await publish(hooks, ep.organizationId), ep.id);
    const events = await db.outboxEvent.findMany({ where: { type: 'webhook.endpoint_disabled' } });
    const mine = events
      .map(
        (e) =>
          e.payload as {
            endpointId: string;
            reason: string;
            recipients: { email: string; locale: string }[];
          },
      )
      .find((p) => p.endpointId === ep.id);
    expect(mine?.reason).toBe('gone');
    expect(mine?.recipients.map((r) => [r.email, r.locale]).sort()).toEqual(
      [
        [admin.email, 'en'],
        [owner.email, 'fr'],
      ].sort(),
    );
  });

  it('treats a redirect as a failure and never follows it', async () => {
    const hooks = start({ WEBHOOK_RETRY_SCHEDULE: [0] });
    receiver.on('/moved', (res) => res.writeHead(302, { location: receiver.url('/target') }).end());
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/moved') });
    const delivery = await finished(await publish(hooks, ep.organizationId), ep.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts[0]?.responseStatus).toBe(302);
    expect(receiver.at('/target')).toHaveLength(0);
  });

  it('a hanging endpoint times out without delaying another endpoint', async () => {
    const hooks = start({ WEBHOOK_RETRY_SCHEDULE: [0] });
    receiver.on('/hang', () => {}); // never answers
    const organization = await db.organization.create({
      data: { name: 'Two', slug: `two-${randomUUID().slice(0, 12)}` },
    });
    const slow = await createEndpoint(db, KEY, {
      url: receiver.url('/hang'),
      organizationId: organization.id,
    });
    const fast = await createEndpoint(db, KEY, {
      url: receiver.url('/fast'),
      organizationId: organization.id,
    });
    const messageId = await publish(hooks, organization.id);
    const fastDone = await finished(messageId, fast.id);
    const slowDone = await finished(messageId, slow.id);
    expect(fastDone.status).toBe('succeeded');
    expect(slowDone.status).toBe('failed');
    expect(slowDone.attempts[0]?.error).toMatch(/^timeout/);
    // Measured, not assumed: the fast one was answered before the slow one gave up.
    const fastAt = receiver.at('/fast')[0]?.at ?? Number.POSITIVE_INFINITY;
    const slowStart = slowDone.attempts[0]?.startedAt.getTime() ?? 0;
    expect(fastAt).toBeLessThan(slowStart + (slowDone.attempts[0]?.durationMs ?? 0));
  });

  it('delivers to an ordered endpoint in event order, even when one needs a retry', async () => {
    const hooks = start();
    let first = true;
    receiver.on('/ordered', (res) => {
      if (first) {
        first = false;
        res.writeHead(500).end();
      } else res.writeHead(204).end();
    });
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/ordered'), ordered: true });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await publish(hooks, ep.organizationId));
      await new Promise((r) => setTimeout(r, 5)); // distinct event times
    }
    for (const id of ids) expect((await finished(id, ep.id)).status).toBe('succeeded');
    const order = receiver
      .at('/ordered')
      .map((r) => r.headers['webhook-id'])
      .filter((id, i, all) => all.lastIndexOf(id) === i);
    expect(order).toEqual(ids);
  });

  it('signs with both secrets during a rotation overlap', async () => {
    const hooks = start();
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/rotated') });
    const { generateSecret } = await import('@repo/webhooks');
    const next = generateSecret();
    await db.webhookEndpoint.update({
      where: { id: ep.id },
      data: {
        secretCiphertext: sealEndpointSecret(KEY, ep.id, next),
        previousSecretCiphertext: sealEndpointSecret(KEY, ep.id, ep.secret),
        previousSecretExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    await finished(await publish(hooks, ep.organizationId), ep.id);
    const [got] = receiver.at('/rotated');
    if (!got) throw new Error('nothing received');
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const headers = got.headers as Record<string, string>;
    expect(() => new Webhook(ep.secret).verify(got.body, headers)).not.toThrow();
    expect(() => new Webhook(next).verify(got.body, headers)).not.toThrow();
  });

  it('refuses at delivery what the guard refuses, and logs the attempt', async () => {
    const hooks = start({ WEBHOOK_ALLOWED_CIDRS: [], WEBHOOK_RETRY_SCHEDULE: [0] });
    const ep = await createEndpoint(db, KEY, {
      url: receiver.url('/private').replace('127.0.0.1', 'localhost'),
    });
    const delivery = await finished(await publish(hooks, ep.organizationId), ep.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts[0]?.error).toMatch(/^refused: localhost resolves to .*loopback/);
    expect(receiver.at('/private')).toHaveLength(0);
  });

  it('sends webhook.test only to the endpoint asked, even when it is not subscribed to it', async () => {
    const hooks = start();
    const ep = await createEndpoint(db, KEY, { url: receiver.url('/test-only'), eventTypes: ['member.*'] });
    const other = await createEndpoint(db, KEY, {
      url: receiver.url('/bystander'),
      organizationId: ep.organizationId,
    });
    const messageId = await publish(hooks, ep.organizationId, 'webhook.test', { endpointId: ep.id });
    expect((await finished(messageId, ep.id)).status).toBe('succeeded');
    expect(await deliveryOf(messageId, other.id)).toBeNull();
    expect(receiver.at('/bystander')).toHaveLength(0);
  });
});
