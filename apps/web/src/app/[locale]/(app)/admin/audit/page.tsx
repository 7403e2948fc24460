import { AdminAuditLogList, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { AuditPanel } from './audit-panel';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminAudit' });
  return { title: t('title') };
}

export default async function AdminAuditPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const t = await getTranslations('AdminAudit');
  const first = await optional(serverGet('/admin/audit-logs?limit=50', AdminAuditLogList));
  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      {first ? (
        <AuditPanel initial={first} timeZone={me?.timezone ?? 'UTC'} />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
