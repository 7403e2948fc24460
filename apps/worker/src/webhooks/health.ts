import { recordAudit } from '@repo/audit';
import type { Db, Tx } from '@repo/db';

export interface DisableRule {
  /** WEBHOOK_DISABLE_AFTER_FAILED_MESSAGES. */
  failedMessages: number;
  /** WEBHOOK_DISABLE_AFTER_FAILING_DAYS. */
  failingDays: number;
}

/** A failed attempt starts the failure run if none is under way. */
export async function markFailingSince(tx: Tx | Db, endpointId: string, at: Date) {
  await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, failingSince: null },
    data: { failingSince: at },
  });
}

/**
 * Disables the endpoint (once: a concurrent disable changes nothing), audits it and returns
 * whether this call did it, so the caller tells the organization exactly once.
 */
export async function disableEndpoint(
  tx: Tx,
  endpoint: { id: string; organizationId: string; url: string },
  reason: 'gone' | 'failing',
  now: Date,
): Promise<boolean> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpoint.id, disabledAt: null },
    data: { disabledAt: now, disabledReason: reason },
  });
  if (count === 0) return false;
  await recordAudit(
    tx,
    {
      actorId: null,
      action: 'org.webhook_disabled',
      organizationId: endpoint.organizationId,
      targetType: 'webhook_endpoint',
      targetId: endpoint.id,
      meta: null,
      after: { reason, url: endpoint.url },
    },
    now,
  );
  return true;
}

/** After a message failed for good: count it and apply the disable rule. */
export async function recordExhausted(
  tx: Tx,
  endpoint: { id: string; organizationId: string; url: string },
  rule: DisableRule,
  now: Date,
): Promise<boolean> {
  const row = await tx.webhookEndpoint.update({
    where: { id: endpoint.id },
    data: { consecutiveFailures: { increment: 1 } },
    select: { consecutiveFailures: true, failingSince: true },
  });
  const failingMs = row.failingSince ? now.getTime() - row.failingSince.getTime() : 0;
  const tooMany = row.consecutiveFailures >= rule.failedMessages;
  const tooLong = failingMs >= rule.failingDays * 86_400_000;
  if (!tooMany && !tooLong) return false;
  return disableEndpoint(tx, endpoint, 'failing', now);
}
