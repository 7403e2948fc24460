import { TwoFactorStatus } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { getMe, serverGet } from '@/lib/api/server';
import { ImpersonationRestricted } from '../../_components/impersonation-restricted';
import { EnrolmentPanel } from '../_components/two-factor/enrolment-panel';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'TwoFactor.setup' });
  return { title: t('title') };
}

/**
 * Where the 2FA policy sends users who must enrol (two_factor_enrollment_required): the only
 * page they can use until they have a second factor.
 */
export default async function TwoFactorSetupPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('TwoFactor');
  const [me, status] = await Promise.all([
    getMe(),
    serverGet('/me/two-factor', TwoFactorStatus).catch(() => null),
  ]);
  if (!me) return null; // the layout redirects
  if (me.impersonation) return <ImpersonationRestricted />;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle>{t('setup.title')}</PageTitle>
      <Section title={t('title')} description={t('setup.lead')} testId="two-factor-section">
        {status ? <EnrolmentPanel status={status} /> : <FormAlert>{t('unavailable')}</FormAlert>}
      </Section>
    </div>
  );
}
