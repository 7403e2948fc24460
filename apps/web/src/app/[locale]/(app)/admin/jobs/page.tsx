import { AdminQueueList, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { QueueCard } from './queue-card';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminJobs' });
  return { title: t('title') };
}

/** Every queue at a glance: counts by state and last hour's throughput. */
export default async function AdminJobsPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const t = await getTranslations('AdminJobs');
  const queues = await optional(serverGet('/admin/queues', AdminQueueList));
  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      {!queues ? (
        <FormAlert>{t('unavailable')}</FormAlert>
      ) : queues.items.length === 0 ? (
        <p className="rounded-lg border border-dashed p-6 text-center text-muted-foreground text-sm">
          {t('noQueues')}
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 lg:grid-cols-2" data-testid="queue-list">
          {queues.items.map((queue) => (
            <li key={queue.name}>
              <QueueCard queue={queue} timeZone={me?.timezone ?? 'UTC'} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
