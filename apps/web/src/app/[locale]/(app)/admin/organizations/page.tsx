import { AdminOrgList, can } from '@repo/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { OrgsPanel } from './orgs-panel';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'AdminOrgs' });
  return { title: t('title') };
}

export default async function AdminOrganizationsPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const me = await getMe();
  if (!can(me?.role, 'admin:access')) notFound();
  const t = await getTranslations('AdminOrgs');
  const first = await optional(serverGet('/admin/organizations?limit=50', AdminOrgList));
  return (
    <div className="flex flex-col gap-6">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      {first ? (
        <OrgsPanel initial={first} timeZone={me?.timezone ?? 'UTC'} />
      ) : (
        <FormAlert>{t('unavailable')}</FormAlert>
      )}
    </div>
  );
}
