import {
  matchesEventFilter,
  WebhookEventCatalog,
  type WebhookEventType,
  WebhookFanoutJob,
  WebhookJobName,
  webhookDeliveryJobId,
} from '@repo/contracts';
import type { Db } from '@repo/db';
import type { Queue } from '@repo/queue';

/** BullMQ's lowest priority (largest number). */
const MAX_PRIORITY = 2_097_151;

/**
 * Fairness between organizations, without BullMQ Pro's groups: a delivery job's priority is one
 * more than the number of deliveries its organization already has waiting. An organization's
 * n-th waiting delivery therefore queues behind every other organization's first n−1: one event
 * of a quiet organization goes ahead of the 10,000 a busy one just emitted (docs/webhooks.md).
 */
export async function fairPriority(db: Db, organizationId: string, added: number): Promise<number> {
  const waiting = await db.webhookDelivery.count({
    where: { status: 'pending', endpoint: { organizationId } },
  });
  return Math.min(Math.max(1, waiting - added + 1), MAX_PRIORITY);
}

/** The exact bytes every endpoint receives for this event, on every attempt. */
export function messageBody(job: WebhookFanoutJob): string {
  const type = job.type as WebhookEventType;
  return JSON.stringify({
    id: job.eventId,
    type,
    version: WebhookEventCatalog[type].version,
    timestamp: job.timestamp,
    organizationId: job.organizationId,
    data: job.data,
  });
}

/**
 * One published event → one message, one delivery per subscribed endpoint, one job per delivery.
 * Idempotent: a re-run (after a crash) finds the rows it made and re-adds the same job ids,
 * which BullMQ ignores.
 */
export async function fanOut(deps: { db: Db; queue: Queue }, raw: unknown): Promise<{ deliveries: number }> {
  const job = WebhookFanoutJob.parse(raw);
  const { db } = deps;
  await db.webhookMessage.createMany({
    data: [
      {
        id: job.eventId,
        organizationId: job.organizationId,
        eventType: job.type,
        body: messageBody(job),
        createdAt: new Date(job.timestamp),
      },
    ],
    skipDuplicates: true,
  });
  const endpoints = job.endpointId
    ? await db.webhookEndpoint.findMany({
        where: { id: job.endpointId, organizationId: job.organizationId },
        select: { id: true },
      })
    : (
        await db.webhookEndpoint.findMany({
          where: { organizationId: job.organizationId, disabledAt: null },
          select: { id: true, eventTypes: true },
        })
      ).filter((e) => matchesEventFilter(e.eventTypes, job.type));
  if (endpoints.length === 0) return { deliveries: 0 };
  const now = new Date();
  await db.webhookDelivery.createMany({
    data: endpoints.map((e) => ({
      messageId: job.eventId,
      endpointId: e.id,
      nextAttemptAt: now,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  const deliveries = await db.webhookDelivery.findMany({
    where: { messageId: job.eventId, endpointId: { in: endpoints.map((e) => e.id) }, status: 'pending' },
    select: { id: true },
  });
  const priority = await fairPriority(db, job.organizationId, deliveries.length);
  await deps.queue.addBulk(
    deliveries.map((d) => ({
      name: WebhookJobName.deliver,
      data: { deliveryId: d.id, organizationId: job.organizationId },
      opts: { jobId: webhookDeliveryJobId(d.id), priority },
    })),
  );
  return { deliveries: deliveries.length };
}
