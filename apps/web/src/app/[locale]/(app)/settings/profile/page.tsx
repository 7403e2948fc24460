import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { getMe } from '@/lib/api/server';
import { timeZoneOptions } from '@/lib/time-zones';
import { ProfileForm } from '../_components/profile-form';
import { AvatarSection } from './avatar-section';
import { BetaSection } from './beta-section';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Profile' });
  return { title: t('title') };
}

export default async function ProfilePage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Profile');
  const me = await getMe();
  if (!me) return null; // the layout redirects

  return (
    <div className="flex flex-col gap-6">
      <PageTitle>{t('title')}</PageTitle>
      <Section title={t('sectionTitle')} description={t('lead')}>
        <ProfileForm
          me={{ name: me.name, email: me.email, locale: me.locale, timezone: me.timezone }}
          zones={timeZoneOptions(Intl.supportedValuesOf('timeZone'), new Date(), me.timezone)}
        />
      </Section>
      <Section title={t('avatarTitle')} description={t('avatarLead')} testId="avatar-section">
        <AvatarSection name={me.name} avatarUrl={me.avatarUrl} />
      </Section>
      <BetaSection />
    </div>
  );
}
