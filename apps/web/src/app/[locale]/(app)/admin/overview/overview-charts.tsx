'use client';

import type { AdminOverview } from '@repo/contracts';
import { useTranslations } from 'next-intl';
import { OverviewChart } from './overview-chart';

/** The overview's charts: trends as areas, counts of failures and jobs as bars. */
export function OverviewCharts({ overview }: { overview: AdminOverview }) {
  const t = useTranslations('AdminOverview');
  const { series: data, granularity } = overview;
  const common = { data, granularity };
  const jobsKnown = overview.kpis.jobsCompleted !== null;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2" data-testid="overview-charts">
      <OverviewChart
        {...common}
        id="signUps"
        kind="area"
        title={t('charts.signUps.title')}
        description={t('charts.signUps.description', { granularity })}
        series={[{ metric: 'signUps', label: t('kpis.signUps'), color: 'var(--primary)' }]}
      />
      {granularity === 'day' ? (
        <OverviewChart
          {...common}
          id="activeUsers"
          kind="area"
          title={t('charts.activeUsers.title')}
          description={t('charts.activeUsers.description')}
          series={[{ metric: 'activeUsers', label: t('kpis.activeUsers'), color: 'var(--success)' }]}
        />
      ) : (
        <section
          className="flex flex-col gap-2 rounded-xl border border-dashed p-4"
          aria-labelledby="overview-active-daily"
          data-testid="chart-activeUsers-daily-note"
        >
          <h2 id="overview-active-daily" className="font-semibold">
            {t('charts.activeUsers.title')}
          </h2>
          <p className="text-muted-foreground text-sm">{t('charts.activeUsers.dailyOnly')}</p>
        </section>
      )}
      <OverviewChart
        {...common}
        id="sessionsCreated"
        kind="area"
        title={t('charts.sessionsCreated.title')}
        description={t('charts.sessionsCreated.description', { granularity })}
        series={[{ metric: 'sessionsCreated', label: t('kpis.sessionsCreated'), color: 'var(--primary)' }]}
      />
      <OverviewChart
        {...common}
        id="failedSignIns"
        kind="bar"
        title={t('charts.failedSignIns.title')}
        description={t('charts.failedSignIns.description', { granularity })}
        series={[{ metric: 'failedSignIns', label: t('kpis.failedSignIns'), color: 'var(--destructive)' }]}
      />
      {jobsKnown ? (
        <OverviewChart
          {...common}
          id="jobs"
          kind="bar"
          title={t('charts.jobs.title')}
          description={t('charts.jobs.description', { granularity })}
          series={[
            { metric: 'jobsCompleted', label: t('charts.jobs.completed'), color: 'var(--success)' },
            { metric: 'jobsFailed', label: t('charts.jobs.failed'), color: 'var(--destructive)' },
          ]}
        />
      ) : (
        <section
          className="flex flex-col gap-2 rounded-xl border border-dashed p-4"
          data-testid="chart-jobs-unknown"
        >
          <h2 className="font-semibold">{t('charts.jobs.title')}</h2>
          <p className="text-muted-foreground text-sm">{t('jobsUnknown')}</p>
        </section>
      )}
    </div>
  );
}
