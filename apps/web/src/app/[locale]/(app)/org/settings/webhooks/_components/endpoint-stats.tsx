'use client';

import type { WebhookEndpoint } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';

/** The last day's success rate ("—" without finished deliveries). */
export function SuccessRate({ endpoint }: { endpoint: WebhookEndpoint }) {
  const t = useTranslations('Webhooks');
  const format = useFormatter();
  const { finished24h, succeeded24h } = endpoint.stats;
  if (finished24h === 0) return <span className="text-muted-foreground">{t('noDeliveries')}</span>;
  return (
    <span title={t('rateDetail', { succeeded: succeeded24h, finished: finished24h })}>
      {format.number(succeeded24h / finished24h, { style: 'percent', maximumFractionDigits: 1 })}
    </span>
  );
}

/** When the last delivery finished, and how. */
export function LastDelivery({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone: string }) {
  const t = useTranslations('Webhooks');
  const format = useFormatter();
  const { lastDeliveryAt, lastDeliveryStatus } = endpoint.stats;
  if (!lastDeliveryAt) return <span className="text-muted-foreground">{t('never')}</span>;
  return (
    <span>
      <time dateTime={lastDeliveryAt}>
        {format.dateTime(new Date(lastDeliveryAt), { dateStyle: 'medium', timeStyle: 'short', timeZone })}
      </time>
      {lastDeliveryStatus ? ` · ${t(`deliveryStatus.${lastDeliveryStatus}`)}` : null}
    </span>
  );
}
