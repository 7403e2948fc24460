import { WebhookEventCatalog, type WebhookEventData, type WebhookEventType } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { writeOutboxEvent } from './write';

/**
 * Publishes a public event (the webhook catalog in @repo/contracts) to the webhook endpoints of
 * each organization given, inside the caller's transaction: the event exists exactly when the
 * change it reports was committed. `data` is checked against the catalog here, so a shape that
 * drifted from the published contract fails the write, not a customer's integration.
 */
export async function publishEvent<T extends WebhookEventType>(
  tx: Tx,
  event: { type: T; organizationIds: readonly string[]; data: WebhookEventData<T>; endpointId?: string },
  now: Date,
) {
  const data = WebhookEventCatalog[event.type].data.parse(event.data) as Record<string, unknown>;
  const ids = [...new Set(event.organizationIds)];
  const written = [];
  for (const organizationId of ids) {
    written.push(
      await writeOutboxEvent(
        tx,
        'webhook.published',
        {
          organizationId,
          type: event.type,
          timestamp: now.toISOString(),
          data,
          ...(event.endpointId ? { endpointId: event.endpointId } : {}),
        },
        now,
      ),
    );
  }
  return written;
}

/** The catalog's user reference, read inside the transaction (so it matches what was committed). */
export async function userRef(tx: Tx, userId: string) {
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true } });
}

/** The catalog's member reference: the user plus their role in the organization right now. */
export async function memberRef(tx: Tx, organizationId: string, userId: string) {
  const m = await tx.membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId, userId } },
    select: { role: true, user: { select: { id: true, email: true, name: true } } },
  });
  return { userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role };
}

/** A new account: `user.created` to the personal organization it got with it. */
export async function publishUserCreated(tx: Tx, userId: string, personalOrganizationId: string, now: Date) {
  const user = await userRef(tx, userId);
  return publishEvent(
    tx,
    { type: 'user.created', organizationIds: [personalOrganizationId], data: { user } },
    now,
  );
}

/** `user.updated` to every organization the user belongs to, when a public field changed. */
export async function publishUserUpdated(
  tx: Tx,
  userId: string,
  changed: readonly ('name' | 'email')[],
  now: Date,
) {
  if (changed.length === 0) return [];
  const memberships = await tx.membership.findMany({ where: { userId }, select: { organizationId: true } });
  const user = await userRef(tx, userId);
  return publishEvent(
    tx,
    {
      type: 'user.updated',
      organizationIds: memberships.map((m) => m.organizationId),
      data: { user, changed: [...changed] },
    },
    now,
  );
}
