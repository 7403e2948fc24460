import { AdminJobList, AdminJobSchedulerList, AdminJobState, AdminQueueList, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { Link } from '@/i18n/navigation';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { datesFor } from '@/lib/i18n/dates';
import { JobsPanel } from './jobs-panel';

type Props = {
  params: Promise<{ locale: string; queue: string }>;
  searchParams: Promise<{ state?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, queue } = await params;
  const t = await getTranslations({ locale, namespace: 'AdminJobs' });
  return { title: t('queueTitle', { queue }) };
}

/** One queue: its jobs by state (tabs), retry and remove, and its schedulers. */
export default async function AdminQueuePage({ params, searchParams }: Props) {
  const { locale, queue } = await params;
  setRequestLocale(locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const raw = (await searchParams).state;
  const parsed = AdminJobState.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const state = parsed.success ? parsed.data : 'failed';
  const queues = await serverGet('/admin/queues', AdminQueueList);
  const summary = queues.items.find((q) => q.name === queue);
  if (!summary) notFound();
  const path = `/admin/queues/${encodeURIComponent(queue)}`;
  const [jobs, schedulers] = await Promise.all([
    optional(serverGet(`${path}/jobs?state=${state}&limit=20`, AdminJobList)),
    optional(serverGet(`${path}/schedulers`, AdminJobSchedulerList)),
  ]);
  const t = await getTranslations('AdminJobs');
  const format = await getFormatter();
  const timeZone = me?.timezone ?? 'UTC';
  const when = datesFor(format, timeZone).dateTime;

  return (
    <div className="flex flex-col gap-6">
      <Link href="/admin/jobs" className="text-muted-foreground text-sm underline-offset-4 hover:underline">
        {t('back')}
      </Link>
      <PageTitle lead={t('queueLead')}>
        <bdi dir="ltr">{queue}</bdi>
      </PageTitle>
      {jobs ? (
        <JobsPanel
          key={state}
          queue={queue}
          state={state}
          counts={summary.counts}
          initial={jobs}
          timeZone={timeZone}
        />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
      <Section title={t('schedulers.title')} testId="queue-schedulers">
        {!schedulers ? (
          <FormAlert>{t('unavailable')}</FormAlert>
        ) : (
          <DataTable
            label={t('schedulers.title')}
            minWidth="36rem"
            rowCount={schedulers.items.length}
            empty={t('schedulers.empty')}
            columns={[
              t('schedulers.key'),
              t('schedulers.schedule'),
              t('schedulers.next'),
              { header: t('schedulers.iterations'), align: 'end' },
            ]}
          >
            {schedulers.items.map((s) => (
              <tr key={s.key} data-testid="scheduler-row">
                <td className="p-3">
                  <bdi dir="ltr" className="font-mono text-xs">
                    {s.key}
                  </bdi>
                  <span className="block text-muted-foreground text-xs">{s.name}</span>
                </td>
                <td className="p-3">
                  {s.pattern ? (
                    <bdi dir="ltr" className="font-mono text-xs">
                      {s.pattern}
                      {s.tz ? ` (${s.tz})` : ''}
                    </bdi>
                  ) : s.every ? (
                    t('schedulers.every', { seconds: Math.round(s.every / 1000) })
                  ) : (
                    '—'
                  )}
                </td>
                <td className="p-3 whitespace-nowrap">{s.next ? when(s.next) : t('schedulers.none')}</td>
                <td className="p-3 text-end tabular-nums">
                  {s.iterationCount ?? 0}
                  {s.limit ? ` / ${s.limit}` : ''}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
