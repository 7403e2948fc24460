'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { type ApiKeyUsageResponse, getApiKeyUsage } from '@/lib/api/api-keys';
import { cn } from '@/lib/utils';

const DAYS = 30;

type State = { status: 'loading' } | { status: 'error' } | { status: 'ready'; usage: ApiKeyUsageResponse };

/**
 * Requests per day over the last 30 days as plain CSS bars (oldest at the start edge, so the
 * axis follows the reading direction). The bars are decoration for sighted users; screen
 * readers get the summary line and a visually hidden table with every day.
 */
export function UsageChart({ orgId, keyId, name }: { orgId: string; keyId: string; name: string }) {
  const t = useTranslations('ApiKeys.usage');
  const format = useFormatter();
  const captionId = useId();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    getApiKeyUsage(orgId, keyId, DAYS, controller.signal).then(
      (usage) => setState({ status: 'ready', usage }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [orgId, keyId]);

  if (state.status === 'loading') {
    return (
      <div className="flex flex-col gap-1" aria-busy="true" data-testid="api-key-usage-loading">
        <div aria-hidden="true" className="h-10 animate-pulse rounded bg-muted" />
        <p className="text-muted-foreground text-xs">{t('loading')}</p>
      </div>
    );
  }
  if (state.status === 'error') {
    return <p className="text-muted-foreground text-xs">{t('unavailable')}</p>;
  }

  const { days, total } = state.usage;
  const max = Math.max(1, ...days.map((d) => d.count));
  // Days are UTC dates: format them in UTC so no time zone shifts them by one.
  const day = (iso: string) =>
    format.dateTime(new Date(`${iso}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' });

  return (
    <figure className="flex flex-col gap-1" data-testid="api-key-usage" data-total={total}>
      <div aria-hidden="true" className="flex h-10 items-end gap-px border-b">
        {days.map((d) => (
          <span
            key={d.day}
            title={t('bar', { date: day(d.day), count: d.count })}
            className={cn('min-w-0 flex-1 rounded-t-[2px]', d.count > 0 ? 'bg-primary/80' : 'bg-muted')}
            // At least a sliver for a non-zero day, so one request is never invisible.
            style={{ height: d.count > 0 ? `${Math.max(10, (d.count / max) * 100)}%` : '2px' }}
          />
        ))}
      </div>
      <figcaption
        id={captionId}
        className="text-muted-foreground text-xs"
        data-testid="api-key-usage-summary"
      >
        {t('summary', { total, days: days.length })}
      </figcaption>
      {/* sr-only on a box around the table: a table is never narrower than its content, so an
          sr-only table would stick out of the page on a phone. */}
      <div className="sr-only">
        <table aria-describedby={captionId}>
          <caption>{t('tableCaption', { name, days: days.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('requests')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{day(d.day)}</th>
                <td>{format.number(d.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
