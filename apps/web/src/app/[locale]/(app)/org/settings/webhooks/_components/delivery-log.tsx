'use client';

import { RefreshCwIcon } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { DataTable, tdClass } from '@/components/data-table';
import { InlineError } from '@/components/form/inline-error';
import { Section } from '@/components/layout/section';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { listWebhookDeliveries, type WebhookDelivery, type WebhookDeliveryFilters } from '@/lib/api/webhooks';
import { useErrorText } from '@/lib/forms/error-text';
import { useRowActions } from '@/lib/forms/use-row-actions';
import { DeliveryDetailDialog, DeliveryStatusBadge } from './delivery-detail';
import { RecoverForm } from './recover-form';

type LogState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; deliveries: WebhookDelivery[]; nextCursor: string | null };

const STATUSES = ['pending', 'succeeded', 'failed'] as const;

/**
 * The endpoint's delivery log, newest first: filters (applied on change), a page at a time, each
 * delivery's detail with its attempts, redelivery and recovery of failed messages.
 */
export function DeliveryLog({
  orgId,
  endpointId,
  timeZone,
  canWrite,
  eventTypes,
  reloadToken,
  onRedelivered,
}: {
  orgId: string;
  endpointId: string;
  timeZone: string;
  canWrite: boolean;
  eventTypes: readonly string[];
  reloadToken: number;
  onRedelivered: () => void;
}) {
  const t = useTranslations('Webhooks.log');
  const format = useFormatter();
  const errorText = useErrorText();
  const id = useId();
  const [filters, setFilters] = useState<WebhookDeliveryFilters>({});
  const [log, setLog] = useState<LogState>({ status: 'loading' });
  const { busy, error, run } = useRowActions();

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const answer = await listWebhookDeliveries(orgId, endpointId, { ...filters, signal });
        setLog({ status: 'ready', deliveries: answer.deliveries, nextCursor: answer.nextCursor });
      } catch (e) {
        if (signal?.aborted) return;
        setLog({ status: 'error', message: errorText(e) });
      }
    },
    [orgId, endpointId, filters, errorText],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadToken asks for a reload on purpose.
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, reloadToken]);

  const loadMore = (cursor: string) =>
    run('more', async () => {
      const answer = await listWebhookDeliveries(orgId, endpointId, { ...filters, cursor });
      setLog((current) => {
        if (current.status !== 'ready') return current;
        const known = new Set(current.deliveries.map((d) => d.id));
        return {
          status: 'ready',
          deliveries: [...current.deliveries, ...answer.deliveries.filter((d) => !known.has(d.id))],
          nextCursor: answer.nextCursor,
        };
      });
    });

  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium', timeZone });

  return (
    <Section
      title={t('title')}
      description={t('lead')}
      action={
        <Button
          variant="outline"
          size="sm"
          disabled={log.status === 'loading' || busy !== null}
          onClick={() => run('refresh', () => load())}
          data-testid="webhook-log-refresh"
        >
          <RefreshCwIcon aria-hidden="true" />
          {t('refresh')}
        </Button>
      }
      testId="webhook-log"
    >
      <div className="flex min-w-0 flex-col gap-4">
        <div className="flex flex-wrap gap-4">
          <div className="flex min-w-0 flex-col gap-2">
            <Label htmlFor={`${id}-type`}>{t('filterType')}</Label>
            <NativeSelect
              id={`${id}-type`}
              value={filters.eventType ?? ''}
              onChange={(event) => {
                // Read now: React clears currentTarget before the updater runs.
                const value = event.currentTarget.value || undefined;
                setFilters((f) => ({ ...f, eventType: value }));
              }}
              data-testid="webhook-log-type"
            >
              <option value="">{t('anyType')}</option>
              {eventTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="flex min-w-0 flex-col gap-2">
            <Label htmlFor={`${id}-status`}>{t('filterStatus')}</Label>
            <NativeSelect
              id={`${id}-status`}
              value={filters.status ?? ''}
              onChange={(event) => {
                // Read now: React clears currentTarget before the updater runs.
                const value = event.currentTarget.value || undefined;
                setFilters((f) => ({ ...f, status: value }));
              }}
              data-testid="webhook-log-status"
            >
              <option value="">{t('anyStatus')}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
        <InlineError error={error} testId="webhook-log-action-error" />
        {log.status === 'loading' ? (
          <div aria-busy="true">
            <p role="status" className="sr-only">
              {t('loading')}
            </p>
            <div aria-hidden="true" className="h-24 animate-pulse rounded-lg bg-muted" />
          </div>
        ) : null}
        {log.status === 'error' ? <InlineError error={log.message} testId="webhook-log-error" /> : null}
        {log.status === 'ready' ? (
          <DataTable
            label={t('title')}
            minWidth="48rem"
            rowCount={log.deliveries.length}
            empty={t('empty')}
            emptyTestId="webhook-log-empty"
            busy={busy !== null}
            columns={[
              t('columns.event'),
              t('columns.status'),
              { header: t('columns.attempts'), align: 'end' },
              { header: t('columns.response'), align: 'end' },
              t('columns.time'),
              { header: t('columns.actions'), srOnly: true, align: 'end' },
            ]}
            testId="webhook-log-table"
          >
            {log.deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="webhook-delivery-row" data-status={delivery.status}>
                <th scope="row" className={`${tdClass} text-start font-normal`}>
                  <code dir="ltr" className="font-mono text-xs">
                    {delivery.eventType}
                  </code>
                </th>
                <td className={tdClass}>
                  <DeliveryStatusBadge status={delivery.status} />
                </td>
                <td className={`${tdClass} text-end tabular-nums`} data-testid="webhook-delivery-attempts">
                  {delivery.attemptCount}
                </td>
                <td className={`${tdClass} text-end tabular-nums`}>{delivery.lastResponseStatus ?? '—'}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <time dateTime={delivery.createdAt}>{when(delivery.createdAt)}</time>
                </td>
                <td className={`${tdClass} text-end`}>
                  <DeliveryDetailDialog
                    orgId={orgId}
                    endpointId={endpointId}
                    delivery={delivery}
                    timeZone={timeZone}
                    canWrite={canWrite}
                    onRedelivered={() => {
                      toast.success(t('redelivered'));
                      onRedelivered();
                    }}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {log.status === 'ready' && log.nextCursor ? (
          <div>
            <Button
              variant="outline"
              size="sm"
              disabled={busy !== null}
              onClick={() => log.nextCursor && loadMore(log.nextCursor)}
              data-testid="webhook-log-more"
            >
              {t('more')}
            </Button>
          </div>
        ) : null}
        {canWrite ? (
          <RecoverForm
            orgId={orgId}
            endpointId={endpointId}
            timeZone={timeZone}
            onRecovered={onRedelivered}
          />
        ) : null}
      </div>
    </Section>
  );
}
