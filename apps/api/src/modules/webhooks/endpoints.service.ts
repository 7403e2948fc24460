import { recordAudit } from '@repo/audit';
import type {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookEndpoint,
  WebhookEndpointListQuery,
} from '@repo/contracts';
import type { Prisma } from '@repo/db';
import { publishEvent } from '@repo/outbox';
import { generateSecret, openEndpointSecret, sealEndpointSecret } from '@repo/webhooks';
import type { z } from 'zod';
import { defineList, keyset } from '../../lib/list';
import type { RequestMeta } from '../../lib/request-meta';
import type { OrgContext } from '../../plugins/access';
import { clockOf } from '../../types';
import { withKey } from '../orgs';
import {
  assertDeliverableUrl,
  type EndpointStats,
  endpointNotFound,
  endpointSelect,
  NO_STATS,
  toEndpoint,
  type WebhookDeps,
  type WebhookReadDeps,
} from './webhooks.shared';

const DAY_MS = 86_400_000;

const endpointList = defineList({
  sorts: {
    'createdAt:desc': { field: 'createdAt', type: 'timestamp' },
    'createdAt:asc': { field: 'createdAt', type: 'timestamp' },
  },
});

/** Success figures of the last day and the latest outcome, per endpoint, in two queries. */
async function statsFor(
  deps: WebhookReadDeps,
  ids: string[],
  now: Date,
): Promise<Map<string, EndpointStats>> {
  const stats = new Map<string, EndpointStats>(ids.map((id) => [id, { ...NO_STATS }]));
  if (ids.length === 0) return stats;
  const since = new Date(now.getTime() - DAY_MS);
  const counts = await deps.db.webhookDelivery.groupBy({
    by: ['endpointId', 'status'],
    where: {
      endpointId: { in: ids },
      status: { in: ['succeeded', 'failed'] },
      lastAttemptAt: { gte: since },
    },
    _count: { _all: true },
  });
  for (const c of counts) {
    const s = stats.get(c.endpointId);
    if (!s) continue;
    s.finished24h += c._count._all;
    if (c.status === 'succeeded') s.succeeded24h += c._count._all;
  }
  const latest = await deps.db.$queryRaw<{ endpoint_id: string; status: 'succeeded' | 'failed'; at: Date }[]>`
    SELECT DISTINCT ON (endpoint_id) endpoint_id, status, last_attempt_at AS at
    FROM webhook_deliveries
    WHERE endpoint_id = ANY(${ids}::uuid[]) AND status IN ('succeeded', 'failed')
    ORDER BY endpoint_id, last_attempt_at DESC NULLS LAST`;
  for (const l of latest) {
    const s = stats.get(l.endpoint_id);
    if (!s) continue;
    s.lastDeliveryAt = l.at;
    s.lastDeliveryStatus = l.status;
  }
  return stats;
}

/** Every endpoint of an organization with its health, newest first (the admin organization page). */
export async function endpointHealth(deps: WebhookReadDeps, organizationId: string) {
  const now = clockOf(deps).now();
  const rows = await deps.db.webhookEndpoint.findMany({
    where: { organizationId },
    orderBy: { createdAt: 'desc' },
    select: endpointSelect,
  });
  const stats = await statsFor(
    deps,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((r) => {
    const e = toEndpoint(r, stats.get(r.id) ?? NO_STATS, now);
    return {
      id: e.id,
      url: e.url,
      eventTypes: e.eventTypes,
      health: e.health,
      disabledReason: e.disabledReason,
      finished24h: e.stats.finished24h,
      succeeded24h: e.stats.succeeded24h,
      lastDeliveryAt: e.stats.lastDeliveryAt,
    };
  });
}

export async function listEndpoints(
  deps: WebhookDeps,
  organizationId: string,
  query: z.output<typeof WebhookEndpointListQuery>,
) {
  const now = clockOf(deps).now();
  const k = keyset(endpointList, query, { scope: organizationId });
  const rows = await deps.db.webhookEndpoint.findMany({
    where: { AND: [{ organizationId }, k.where] },
    orderBy: k.orderBy,
    take: k.take,
    select: endpointSelect,
  });
  const page = k.page(rows, (row) => row);
  const stats = await statsFor(
    deps,
    page.items.map((r) => r.id),
    now,
  );
  return {
    endpoints: page.items.map((r) => toEndpoint(r, stats.get(r.id) ?? NO_STATS, now)),
    nextCursor: page.nextCursor,
  };
}

async function findRow(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const row = await deps.db.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId },
    select: endpointSelect,
  });
  if (!row) throw endpointNotFound();
  return row;
}

export async function getEndpoint(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const now = clockOf(deps).now();
  const row = await findRow(deps, organizationId, endpointId);
  const stats = await statsFor(deps, [row.id], now);
  return toEndpoint(row, stats.get(row.id) ?? NO_STATS, now);
}

const audited = (row: { url: string; eventTypes: string[]; ordered: boolean; description: string }) => ({
  url: row.url,
  eventTypes: row.eventTypes,
  ordered: row.ordered,
  description: row.description,
});

/** Creates an endpoint with a fresh secret, answered once here (and on reveal). */
export async function createEndpoint(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  body: z.output<typeof CreateWebhookEndpointBody>,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = await assertDeliverableUrl(deps.env, body.url);
  const now = clockOf(deps).now();
  const secret = generateSecret();
  const id = crypto.randomUUID();
  const row = await deps.db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id,
        organizationId: org.id,
        url,
        description: body.description,
        eventTypes: body.eventTypes,
        ordered: body.ordered,
        secretCiphertext: sealEndpointSecret(deps.env.TOTP_ENCRYPTION_KEY, id, secret),
        createdAt: now,
      },
      select: endpointSelect,
    });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_created',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: id,
        meta,
        after: withKey(org, audited(created)),
      },
      now,
    );
    return created;
  });
  return { endpoint: toEndpoint(row, NO_STATS, now), secret };
}

/**
 * Changes an endpoint. A new URL passes the guard again; `enabled: true` re-enables a disabled
 * endpoint and forgets its failure run (deliveries that failed meanwhile are recovered on
 * request, not automatically).
 */
export async function updateEndpoint(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  endpointId: string,
  body: z.output<typeof UpdateWebhookEndpointBody>,
): Promise<WebhookEndpoint> {
  const before = await findRow(deps, org.id, endpointId);
  const url = body.url === undefined ? before.url : await assertDeliverableUrl(deps.env, body.url);
  const now = clockOf(deps).now();
  const data: Prisma.WebhookEndpointUpdateInput = { url };
  if (body.description !== undefined) data.description = body.description;
  if (body.eventTypes !== undefined) data.eventTypes = body.eventTypes;
  if (body.ordered !== undefined) data.ordered = body.ordered;
  if (body.enabled === false && before.disabledAt === null) {
    Object.assign(data, { disabledAt: now, disabledReason: 'manual' });
  }
  if (body.enabled === true && before.disabledAt !== null) {
    Object.assign(data, {
      disabledAt: null,
      disabledReason: null,
      consecutiveFailures: 0,
      failingSince: null,
    });
  }
  const after = await deps.db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({ where: { id: before.id }, data, select: endpointSelect });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_updated',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: row.id,
        meta,
        before: { ...audited(before), enabled: before.disabledAt === null },
        after: withKey(org, { ...audited(row), enabled: row.disabledAt === null }),
      },
      now,
    );
    return row;
  });
  const stats = await statsFor(deps, [after.id], now);
  return toEndpoint(after, stats.get(after.id) ?? NO_STATS, now);
}

/** Deletes an endpoint with its delivery log; queued deliveries to it end quietly. */
export async function deleteEndpoint(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  endpointId: string,
) {
  const row = await findRow(deps, org.id, endpointId);
  const now = clockOf(deps).now();
  await deps.db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: row.id } });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_deleted',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: row.id,
        meta,
        before: audited(row),
        after: withKey(org, { deleted: true }),
      },
      now,
    );
  });
}

/** The current signing secret (webhooks:write): the receiver needs it to verify. */
export async function revealSecret(deps: WebhookDeps, organizationId: string, endpointId: string) {
  const now = clockOf(deps).now();
  const row = await deps.db.webhookEndpoint.findFirst({
    where: { id: endpointId, organizationId },
    select: { id: true, secretCiphertext: true, previousSecretExpiresAt: true },
  });
  if (!row) throw endpointNotFound();
  const overlap =
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    secret: openEndpointSecret(deps.env.TOTP_ENCRYPTION_KEY, row.id, row.secretCiphertext),
    previousSecretExpiresAt: overlap?.toISOString() ?? null,
  };
}

/**
 * Replaces the secret. For `overlapSeconds` the previous one signs too (two signatures in
 * `webhook-signature`), so receivers can switch without rejecting a delivery.
 */
export async function rotateSecret(
  deps: WebhookDeps,
  meta: RequestMeta,
  org: OrgContext,
  endpointId: string,
  overlapSeconds: number,
) {
  const now = clockOf(deps).now();
  const secret = generateSecret();
  const expiresAt = new Date(now.getTime() + overlapSeconds * 1000);
  await deps.db.$transaction(async (tx) => {
    // Row lock: two rotations at once must not both keep the same "previous" secret.
    const locked = await tx.$queryRaw<{ secret_ciphertext: string }[]>`
      SELECT secret_ciphertext FROM webhook_endpoints
      WHERE id = ${endpointId}::uuid AND organization_id = ${org.id}::uuid FOR UPDATE`;
    const current = locked[0];
    if (!current) throw endpointNotFound();
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        secretCiphertext: sealEndpointSecret(deps.env.TOTP_ENCRYPTION_KEY, endpointId, secret),
        previousSecretCiphertext: overlapSeconds > 0 ? current.secret_ciphertext : null,
        previousSecretExpiresAt: overlapSeconds > 0 ? expiresAt : null,
      },
    });
    await recordAudit(
      tx,
      {
        actorId: org.userId,
        action: 'org.webhook_secret_rotated',
        organizationId: org.id,
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        meta,
        after: withKey(org, { previousSecretExpiresAt: overlapSeconds > 0 ? expiresAt.toISOString() : null }),
      },
      now,
    );
  });
  return { secret, previousSecretExpiresAt: overlapSeconds > 0 ? expiresAt.toISOString() : null };
}

/** Publishes `webhook.test` to this one endpoint (enabled or not: testing a fix comes first). */
export async function sendTestEvent(deps: WebhookDeps, org: OrgContext, endpointId: string) {
  await findRow(deps, org.id, endpointId);
  const now = clockOf(deps).now();
  const [event] = await deps.db.$transaction((tx) =>
    publishEvent(
      tx,
      {
        type: 'webhook.test',
        organizationIds: [org.id],
        endpointId,
        data: { endpointId, message: 'This is a test event from Groundwork.' },
      },
      now,
    ),
  );
  return { messageId: event?.id ?? '' };
}
