'use client';

import type { OverviewBucket, OverviewGranularity } from '@repo/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

type Metric = Exclude<keyof OverviewBucket, 'bucketStart'>;

export interface ChartSeries {
  metric: Metric;
  label: string;
  /** A CSS colour from the theme tokens (e.g. `var(--primary)`), so dark mode follows. */
  color: string;
}

interface Props {
  id: string;
  title: string;
  description: string;
  kind: 'area' | 'bar';
  series: ChartSeries[];
  data: OverviewBucket[];
  granularity: OverviewGranularity;
}

const axisTick = { fill: 'var(--muted-foreground)', fontSize: 12 };

/**
 * One chart, accessible three ways: a title and description, a spoken summary of the totals on
 * the drawing (role="img"), and the exact numbers in a table behind a disclosure. The drawing
 * stays left-to-right in RTL locales (a time axis), the card around it follows the page.
 */
export function OverviewChart({ id, title, description, kind, series, data, granularity }: Props) {
  const t = useTranslations('AdminOverview');
  const format = useFormatter();
  const titleId = useId();
  const descriptionId = useId();

  const when = (iso: string, full = false) =>
    format.dateTime(
      new Date(iso),
      granularity === 'hour'
        ? {
            timeZone: 'UTC',
            hour: 'numeric',
            minute: '2-digit',
            ...(full ? { day: 'numeric', month: 'short' } : {}),
          }
        : { timeZone: 'UTC', day: 'numeric', month: 'short', ...(full ? { year: 'numeric' } : {}) },
    );
  const total = (metric: Metric) => data.reduce((sum, b) => sum + (b[metric] ?? 0), 0);
  const summary = format.list(
    series.map((s) => t('seriesTotal', { label: s.label, total: format.number(total(s.metric)) })),
  );
  const rows = data.map((b) => ({ ...b, label: when(b.bucketStart) }));

  const shared = (
    <>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={axisTick} stroke="var(--border)" minTickGap={16} />
      <YAxis allowDecimals={false} tick={axisTick} stroke="var(--border)" width={40} />
      <Tooltip
        labelFormatter={(_, payload) => {
          const start = payload?.[0]?.payload?.bucketStart;
          return typeof start === 'string' ? when(start, true) : '';
        }}
        contentStyle={{
          background: 'var(--popover)',
          borderColor: 'var(--border)',
          color: 'var(--popover-foreground)',
          borderRadius: 8,
        }}
        cursor={{ fill: 'var(--muted)', stroke: 'var(--border)' }}
      />
    </>
  );

  return (
    <figure
      className="flex min-w-0 flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-sm"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-testid={`chart-${id}`}
    >
      <div className="flex flex-col gap-1">
        <h2 id={titleId} className="font-semibold">
          {title}
        </h2>
        <p id={descriptionId} className="text-muted-foreground text-xs">
          {description}
        </p>
      </div>
      {series.length > 1 ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-hidden="true">
          {series.map((s) => (
            <li key={s.metric} className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm" style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <div role="img" aria-label={`${title}: ${summary}`} dir="ltr" className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {kind === 'area' ? (
            <AreaChart
              data={rows}
              accessibilityLayer={false}
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            >
              {shared}
              {series.map((s) => (
                <Area
                  key={s.metric}
                  dataKey={s.metric}
                  name={s.label}
                  type="monotone"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.15}
                  strokeWidth={2}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          ) : (
            <BarChart
              data={rows}
              accessibilityLayer={false}
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            >
              {shared}
              {series.map((s) => (
                <Bar
                  key={s.metric}
                  dataKey={s.metric}
                  name={s.label}
                  fill={s.color}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-muted-foreground text-xs">{t('showData')}</summary>
        <div className="relative mt-2 max-h-64 overflow-auto">
          <table className="w-full text-xs" data-testid={`chart-${id}-table`}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-1 pe-2 text-start font-medium">
                  {t('bucketStart')}
                </th>
                {series.map((s) => (
                  <th key={s.metric} scope="col" className="py-1 pe-2 text-end font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((b) => (
                <tr key={b.bucketStart} className="border-b last:border-0">
                  <th scope="row" className="py-1 pe-2 text-start font-normal">
                    {when(b.bucketStart, true)}
                  </th>
                  {series.map((s) => (
                    <td key={s.metric} className="py-1 pe-2 text-end tabular-nums">
                      {b[s.metric] === null ? '—' : format.number(b[s.metric] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
