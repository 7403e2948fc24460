import { AdminOverview, can, OverviewRange } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { KpiCards } from './kpi-cards';
import { OverviewCharts } from './overview-charts';
import { RangeNav } from './range-nav';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminOverview' });
  return { title: t('title') };
}

/** Admin overview (D6, docs/admin.md): KPIs against the previous period and charts, over a range kept in the URL. */
export default async function AdminOverviewPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const t = await getTranslations('AdminOverview');
  // An unknown range in a hand-edited URL falls back to the default rather than failing.
  const range = OverviewRange.catch('7d').parse((await searchParams).range);
  const overview = await optional(serverGet(`/admin/overview?range=${range}`, AdminOverview));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
        <RangeNav current={range} />
      </div>
      {overview ? (
        <>
          <KpiCards overview={overview} />
          <OverviewCharts overview={overview} />
        </>
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
