import type { Locale } from '@repo/contracts';
import type { Tx } from '@repo/db';
import { USABLE_ACCOUNT } from '@repo/organizations';
import { writeOutboxEvent } from '@repo/outbox';

/**
 * Tells the organization's owners and admins that an endpoint was disabled: one outbox event
 * in the transaction that disabled it, one mail per person (in their language).
 */
export async function notifyEndpointDisabled(tx: Tx, endpointId: string, now: Date): Promise<void> {
  const endpoint = await tx.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { organizationId: true, url: true, disabledReason: true },
  });
  if (!endpoint || (endpoint.disabledReason !== 'gone' && endpoint.disabledReason !== 'failing')) return;
  const organization = await tx.organization.findUnique({
    where: { id: endpoint.organizationId },
    select: { name: true },
  });
  if (!organization) return; // deleted since: nobody left to tell
  const people = await tx.membership.findMany({
    where: {
      organizationId: endpoint.organizationId,
      role: { in: ['owner', 'admin'] },
      user: USABLE_ACCOUNT,
    },
    select: { user: { select: { id: true, email: true, locale: true } } },
  });
  if (people.length === 0) return;
  await writeOutboxEvent(
    tx,
    'webhook.endpoint_disabled',
    {
      organizationId: endpoint.organizationId,
      organizationName: organization.name,
      endpointId,
      url: endpoint.url,
      reason: endpoint.disabledReason,
      recipients: people.map((p) => ({
        userId: p.user.id,
        email: p.user.email,
        locale: p.user.locale as Locale,
      })),
    },
    now,
  );
}
