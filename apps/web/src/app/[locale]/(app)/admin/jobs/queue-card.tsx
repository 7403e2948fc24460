import type { AdminJobState, AdminOutboxStatus, AdminQueueSummary } from '@repo/contracts';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Link } from '@/i18n/navigation';
import { datesFor } from '@/lib/i18n/dates';
import { Throughput } from './throughput';

const STATES: AdminJobState[] = ['waiting', 'active', 'delayed', 'failed', 'completed'];

/** One queue: counts by state (each a link to that tab) and completed/failed in the last hour. */
export async function QueueCard({ queue, timeZone }: { queue: AdminQueueSummary; timeZone: string }) {
  const t = await getTranslations('AdminJobs');
  const format = await getFormatter();
  const headingId = `queue-${queue.name}`;
  return (
    <Card data-testid="queue-card" data-queue={queue.name} aria-labelledby={headingId}>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="font-semibold text-lg">
          <Link href={`/admin/jobs/${queue.name}`} className="underline-offset-4 hover:underline">
            <bdi dir="ltr">{queue.name}</bdi>
          </Link>
        </h2>
        {queue.isPaused ? <Badge variant="secondary">{t('paused')}</Badge> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {queue.outbox ? <OutboxStatus status={queue.outbox} timeZone={timeZone} /> : null}
        <dl className="grid grid-cols-3 gap-2 sm:grid-cols-5">
          {STATES.map((state) => (
            <div key={state} className="flex flex-col rounded-md border p-2">
              <dt className="text-muted-foreground text-xs">{t(`states.${state}`)}</dt>
              <dd className="font-semibold text-lg tabular-nums" data-testid={`queue-count-${state}`}>
                <Link
                  href={`/admin/jobs/${queue.name}?state=${state}`}
                  className="underline-offset-4 hover:underline"
                  aria-label={t('countLink', { count: queue.counts[state], state: t(`states.${state}`) })}
                >
                  {format.number(queue.counts[state])}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
        {queue.throughput ? (
          <Throughput throughput={queue.throughput} />
        ) : (
          <p className="text-muted-foreground text-xs">{t('throughput.noData')}</p>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The relay's real work, from the events table: the `outbox` queue's own BullMQ counts stay at
 * zero while events flow, so without this the card would say nothing is happening.
 */
async function OutboxStatus({ status, timeZone }: { status: AdminOutboxStatus; timeZone: string }) {
  const t = await getTranslations('AdminJobs.outbox');
  const format = await getFormatter();
  const dates = datesFor(format, timeZone);
  const figures = [
    ['pending', status.pending],
    ['retrying', status.retrying],
    ['dispatchedLastHour', status.dispatchedLastHour],
  ] as const;
  return (
    <div className="flex flex-col gap-2" data-testid="outbox-status">
      <p className="text-muted-foreground text-xs">{t('lead')}</p>
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        {figures.map(([key, value]) => (
          <div key={key} className="flex flex-col rounded-md border p-2">
            <dt className="text-muted-foreground text-xs">{t(key)}</dt>
            <dd className="font-semibold text-lg tabular-nums" data-testid={`outbox-${key}`}>
              {format.number(value)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-muted-foreground text-xs" data-testid="outbox-times">
        {status.oldestPendingAt
          ? `${t('oldestPending', { time: dates.dateTime(status.oldestPendingAt) })} · `
          : ''}
        {status.lastDispatchedAt
          ? t('lastDispatched', { time: dates.dateTime(status.lastDispatchedAt) })
          : t('neverDispatched')}
      </p>
    </div>
  );
}
