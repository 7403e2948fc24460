import { recordAudit } from '@repo/audit';
import type { WebhookDeliveryListQuery } from '@repo/contracts';
import type { Prisma, Tx } from '@repo/db';
import { writeOutboxEvent } from '@repo/outbox';
import type { z } from 'zod';
import { AppError } from '../../errors';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { clockOf } from '../../types';
import { withKey } from '../orgs';
import { endpointNotFound, type WebhookDeps } from './webhooks.shared';

/** Redelivery requests are chunked: one outbox event (and job batch) per this many deliveries. */
const REDELIVERY_CHUNK = 500;
/** "Recover since" redelivers at most this many failed messages per request. */
export const RECOVER_MAX = 10_000;

const deliveryList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
  },
});

const deliverySelect = {
  id: true,
  messageId: true,
  status: true,
  attemptCount: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  createdAt: true,
  message: { select: { eventType: true } },
  attempts: { select: { responseStatus: true }, orderBy: { number: 'desc' }, take: 1 },
} satisfies Prisma.WebhookDeliverySelect;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

const toDelivery = (row: DeliveryRow) => ({
  id: row.id,
  messageId: row.messageId,
  eventType: row.message.eventType,
  status: row.status,
  attemptCount: row.attemptCount,
  nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  lastResponseStatus: row.attempts[0]?.responseStatus ?? null,
  createdAt: row.createdAt.toISOString(),
});

async function assertEndpoint(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const found = await deps.db.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId },
    select: { id: true },
  });
  if (!found) throw endpointNotFound();
}

/** An endpoint's delivery log, newest first, filtered by event type, status and time. */
export async function listDeliveries(
  deps: WebhookDeps,
  organizationId: string,
  endpointId: string,
  query: z.output<typeof WebhookDeliveryListQuery>,
) {
  await assertEndpoint(deps, organizationId, endpointId);
  const k = keyset(deliveryList, query, { scope: endpointId });
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId };
  if (query.status) where.status = query.status;
  if (query.eventType) where.message = { eventType: query.eventType };
  if (query.messageId) where.messageId = query.messageId;
  if (query.since || query.until) {
    where.createdAt = {
      ...(query.since ? { gte: new Date(query.since) } : {}),
      ...(query.until ? { lt: new Date(query.until) } : {}),
    };
  }
  const rows = await deps.db.webhookDelivery.findMany({
    where: { AND: [where, k.where] },
    orderBy: k.orderBy,
    take: k.take,
    select: deliverySelect,
  });
  const { items, nextCursor } = k.page(rows, toDelivery);
  return { deliveries: items, nextCursor };
}

const asHeaders = (value: Prisma.JsonValue | null) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : null;

/** One delivery with the exact body sent and every attempt (request headers, response, error). */
export async function getDelivery(
  deps: WebhookDeps,
  organizationId: string,
  endpointId: string,
  deliveryId: string,
) {
  const row = await deps.db.webhookDelivery.findFirst({
    where: { id: deliveryId, endpointId, endpoint: { organizationId } },
    select: {
      ...deliverySelect,
      message: { select: { eventType: true, body: true } },
      attempts: { orderBy: { number: 'asc' } },
    },
  });
  if (!row) throw new AppError('not_found', 'No such delivery.');
  const last = row.attempts.at(-1);
  return {
    ...toDelivery({ ...row, attempts: last ? [{ responseStatus: last.responseStatus }] : [] }),
    body: row.message.body,
    attempts: row.attempts.map((a) => ({
      number: a.number,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      url: a.url,
      requestHeaders: asHeaders(a.requestHeaders) ?? {},
      responseStatus: a.responseStatus,
      responseHeaders: asHeaders(a.responseHeaders),
      responseBody: a.responseBody,
      error: a.error,
    })),
  };
}

/** Puts deliveries back to pending and asks the worker (through the outbox) to send them again. */
async function requeue(tx: Tx, organizationId: string, deliveryIds: string[], now: Date) {
  if (deliveryIds.length === 0) return;
  await tx.webhookDelivery.updateMany({
    where: { id: { in: deliveryIds } },
    data: { status: 'pending', nextAttemptAt: now },
  });
  for (let i = 0; i < deliveryIds.length; i += REDELIVERY_CHUNK) {
    await writeOutboxEvent(
      tx,
      'webhook.redelivery_requested',
      { organizationId, deliveryIds: deliveryIds.slice(i, i + REDELIVERY_CHUNK) },
      now,
    );
  }
}

/** Sends one message to the endpoint again (any final state; a pending one is left alone: 409). */
export async function redeliver(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  endpointId: string,
  deliveryId: string,
) {
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId, endpoint: { organizationId: org.id } },
      select: { id: true, status: true, messageId: true },
    });
    if (!row) throw new AppError('not_found', 'No such delivery.');
    if (row.status === 'pending') throw new AppError('conflict', 'This delivery is still being attempted.');
    await requeue(tx, org.id, [row.id], now);
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_redelivered',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        meta,
        after: withKey(org, { deliveryIds: [row.id], messageIds: [row.messageId] }),
      },
      now,
    );
  });
}

/** Redelivers every failed delivery of the endpoint created since `since` (oldest first). */
export async function recoverSince(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  endpointId: string,
  since: Date,
) {
  const now = clockOf(deps).now();
  if (since > now) {
    throw new AppError('validation_failed', 'The start must not be in the future.', {
      errors: [{ path: 'since', code: 'too_big', message: 'Must not be in the future.' }],
    });
  }
  await assertEndpoint(deps, org.id, endpointId);
  return deps.db.$transaction(async (tx) => {
    const failed = await tx.webhookDelivery.findMany({
      where: { endpointId, status: 'failed', createdAt: { gte: since } },
      orderBy: { createdAt: 'asc' },
      take: RECOVER_MAX,
      select: { id: true },
    });
    const ids = failed.map((d) => d.id);
    await requeue(tx, org.id, ids, now);
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_redelivered',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        meta,
        after: withKey(org, { since: since.toISOString(), count: ids.length }),
      },
      now,
    );
    return { redelivered: ids.length };
  });
}
