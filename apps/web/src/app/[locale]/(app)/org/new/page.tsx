import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { CreateOrgForm } from './create-org-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Orgs.create' });
  return { title: t('title') };
}

export default async function NewOrganizationPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Orgs.create');
  return (
    <div className="flex w-full max-w-3xl flex-col gap-6">
      <PageTitle>{t('title')}</PageTitle>
      <Section title={t('sectionTitle')} description={t('lead')}>
        <CreateOrgForm />
      </Section>
    </div>
  );
}
