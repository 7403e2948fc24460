'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { clickableRowClass, DataTable, rowLinkClass, tdClass } from '@/components/data-table';
import { Badge } from '@/components/ui/badge';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Link } from '@/i18n/navigation';
import type { FlagEnvironment, FlagSummary } from '@/lib/flags/definition-form';
import { adminFlagPath } from '@/lib/flags/paths';
import { datesFor } from '@/lib/i18n/dates';
import { cn } from '@/lib/utils';

export type FlagRow = FlagSummary & { updatedAt: string; updatedById: string | null };

/** The flags table with an instant filter on the key (the whole set is small and already here). */
export function FlagsList({
  rows,
  environment,
  meId,
  timeZone,
}: {
  rows: FlagRow[];
  environment: FlagEnvironment | null;
  meId: string | null;
  timeZone: string;
}) {
  const t = useTranslations('AdminFlags');
  const format = useFormatter();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = needle ? rows.filter((row) => row.key.includes(needle)) : rows;
  const percent = (value: number) =>
    format.number(value / 100, { style: 'percent', maximumFractionDigits: 2 });

  return (
    <div className="flex flex-col gap-4">
      <search className="flex max-w-md flex-col gap-2">
        <Label htmlFor={searchId}>{t('searchLabel')}</Label>
        <Input
          id={searchId}
          type="search"
          dir="ltr"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          data-testid="flags-search"
        />
      </search>
      <p aria-live="polite" className="sr-only">
        {needle ? t('matches', { count: shown.length }) : ''}
      </p>
      <DataTable
        label={t('tableCaption')}
        testId="flags-table"
        rowCount={shown.length}
        empty={needle ? t('noMatch', { query: query.trim() }) : t('empty')}
        columns={[
          t('columns.key'),
          t('columns.kind'),
          t('columns.state'),
          environment
            ? t('columns.defaultIn', { environment: t(`form.environments.${environment}`) })
            : t('columns.default'),
          { header: t('columns.rules'), align: 'end' },
          t('columns.rollout'),
          t('columns.updated'),
        ]}
      >
        {shown.map((row) => (
          <tr key={row.key} data-testid="flag-row" data-key={row.key} className={clickableRowClass}>
            <td className={tdClass}>
              <Link
                href={adminFlagPath(row.key)}
                className={cn('font-medium underline-offset-4 hover:underline', rowLinkClass)}
              >
                <bdi dir="ltr" className="font-mono">
                  {row.key}
                </bdi>
              </Link>
              {row.description ? (
                <p className="line-clamp-1 max-w-sm text-muted-foreground text-xs">{row.description}</p>
              ) : null}
            </td>
            <td className={tdClass}>{t(`form.kinds.${row.kind}`)}</td>
            <td className={tdClass}>
              <Badge variant={row.killed ? 'destructive' : 'secondary'} data-testid="flag-row-state">
                {row.killed ? t('state.killed') : t('state.active')}
              </Badge>
            </td>
            <td className={tdClass}>
              {row.defaultVariant ? <Badge variant="outline">{row.defaultVariant}</Badge> : '—'}
            </td>
            <td className={`${tdClass} text-end tabular-nums`}>{format.number(row.ruleCount)}</td>
            <td className={tdClass}>
              {row.rollout
                ? Object.entries(row.rollout)
                    .map(([variant, weight]) => `${variant} ${percent(weight)}`)
                    .join(' · ')
                : '—'}
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>
              {datesFor(format, timeZone).dateTime(row.updatedAt)}
              <span className="block text-muted-foreground text-xs">
                {row.updatedById === null ? (
                  t('bySeed')
                ) : row.updatedById === meId ? (
                  t('byYou')
                ) : (
                  <Link
                    href={`/admin/users/${row.updatedById}`}
                    className="relative z-10 underline underline-offset-4"
                  >
                    {t('byAdmin')}
                  </Link>
                )}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
