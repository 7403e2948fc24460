// The whole local webhook path of a fresh `pnpm dev`: the seed gives Acme an endpoint pointing
// at the dev stack's receiver (started by the integration harness like by `pnpm dev`), the real
// delivery engine sends an event there under the dev stack's guard settings, and the receiver's
// API reports the delivery with a valid signature.
import { randomUUID } from 'node:crypto';
import { webhooksEnv } from '@repo/config';
import { QueueName, WebhookJobName } from '@repo/contracts';
import { createDb } from '@repo/db';
import { createQueue, createRedis } from '@repo/queue';
import { openEndpointSecret } from '@repo/webhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import seed from '../../../../prisma/seed';
import { requireEnv, silentLogger, uniquePrefix, waitFor } from '../worker.test-support';
import { startWebhooks } from './index';

const db = createDb({ url: requireEnv('DATABASE_URL'), poolMax: 4 });
const KEY = requireEnv('TOTP_ENCRYPTION_KEY');
const receiverUrl = requireEnv('WEBHOOK_RECEIVER_URL');
const redisUrl = requireEnv('REDIS_URL');

/** The webhook settings as the worker reads them when the dev stack sets the two guard variables. */
const WebhookSettings = z.object(webhooksEnv);
const devSettings = WebhookSettings.parse({
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32',
  WEBHOOK_RETRY_SCHEDULE: '0,1',
});

interface ReceivedDelivery {
  path: string;
  webhookId: string | null;
  eventType: string | null;
  signature: 'valid' | 'invalid' | 'unknown';
}

afterAll(async () => {
  await db.webhookEndpoint.deleteMany({ where: { url: { startsWith: receiverUrl } } });
  await db.$disconnect();
});

describe('the dev stack webhook receiver', () => {
  it('keeps production strict by default', () => {
    const defaults = WebhookSettings.parse({});
    expect(defaults.WEBHOOK_ALLOW_HTTP).toBe(false);
    expect(defaults.WEBHOOK_ALLOWED_CIDRS).toEqual([]);
  });

  it('receives a seeded endpoint’s delivery from the real worker, with a valid signature', async () => {
    const env = { NODE_ENV: 'test', WEBHOOK_RECEIVER_URL: receiverUrl, TOTP_ENCRYPTION_KEY: KEY };
    await seed(db, { env });
    const acme = await db.organization.findUniqueOrThrow({ where: { slug: 'acme' }, select: { id: true } });
    const endpoints = () => db.webhookEndpoint.findMany({ where: { organizationId: acme.id } });
    const [endpoint, ...others] = await endpoints();
    expect(others).toEqual([]);
    expect(endpoint).toMatchObject({ url: `${receiverUrl}/hooks/acme`, eventTypes: ['*'], disabledAt: null });
    const secret = openEndpointSecret(KEY, endpoint?.id ?? '', endpoint?.secretCiphertext ?? '');

    // Idempotent: a re-seed keeps the one endpoint and its secret.
    await seed(db, { env });
    const again = await endpoints();
    expect(again.map((e) => e.id)).toEqual([endpoint?.id]);
    expect(openEndpointSecret(KEY, endpoint?.id ?? '', again[0]?.secretCiphertext ?? '')).toBe(secret);

    const workerRedis = createRedis(redisUrl, { role: 'worker' });
    const producerRedis = createRedis(redisUrl, { role: 'producer' });
    const prefix = uniquePrefix('dev-receiver');
    const hooks = startWebhooks({
      db,
      workerRedis,
      producerRedis,
      env: { ...devSettings, TOTP_ENCRYPTION_KEY: KEY, REDIS_PREFIX: prefix },
      logger: silentLogger,
      random: () => 0.5,
    });
    hooks.worker.on('error', () => {});
    try {
      const eventId = randomUUID();
      await hooks.queue.add(
        WebhookJobName.fanout,
        {
          eventId,
          organizationId: acme.id,
          type: 'organization.updated',
          timestamp: new Date().toISOString(),
          data: { organization: { id: acme.id, name: 'Acme', slug: 'acme' }, changed: ['name'] },
        },
        { jobId: eventId },
      );
      const received = await waitFor(async () => {
        const res = await fetch(`${receiverUrl}/api/deliveries`);
        const list = (await res.json()) as ReceivedDelivery[];
        return list.find((d) => d.webhookId === eventId);
      }, 'the delivery to reach the receiver');
      expect(received).toMatchObject({
        path: '/hooks/acme',
        eventType: 'organization.updated',
        signature: 'valid',
      });
      const delivery = await waitFor(async () => {
        const row = await db.webhookDelivery.findUnique({
          where: { messageId_endpointId: { messageId: eventId, endpointId: endpoint?.id ?? '' } },
        });
        return row?.status === 'succeeded' ? row : undefined;
      }, 'the delivery to be recorded as succeeded');
      expect(delivery.status).toBe('succeeded');
    } finally {
      await hooks.close();
      await createQueue(QueueName.webhooks, { connection: producerRedis, prefix })
        .obliterate({ force: true })
        .catch(() => {});
      await Promise.allSettled([workerRedis.quit(), producerRedis.quit()]);
    }
  });
});
