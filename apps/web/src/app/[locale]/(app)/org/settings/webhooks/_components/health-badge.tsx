'use client';

import type { WebhookEndpoint } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeProps } from '@/components/ui/badge';

const variant: Record<WebhookEndpoint['health'], BadgeProps['variant']> = {
  healthy: 'success',
  failing: 'destructive',
  disabled: 'outline',
};

/** healthy / failing / disabled, the badge every endpoint view shows. */
export function HealthBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  const t = useTranslations('Webhooks.health');
  return (
    <Badge variant={variant[endpoint.health]} data-testid="webhook-health" data-health={endpoint.health}>
      {t(endpoint.health)}
    </Badge>
  );
}

/** Why an endpoint is disabled, as a sentence ("… because the receiver answered 410 Gone"). */
export function DisabledReason({ endpoint }: { endpoint: WebhookEndpoint }) {
  const t = useTranslations('Webhooks.disabledReason');
  if (endpoint.enabled || !endpoint.disabledReason) return null;
  return (
    <p className="text-muted-foreground text-xs" data-testid="webhook-disabled-reason">
      {t(endpoint.disabledReason)}
    </p>
  );
}
