import { IdentitiesResponse, SecurityActivity, SessionList, TwoFactorStatus } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SecurityActivityList } from '@/components/account/security-activity';
import { FormAlert } from '@/components/form/form-alert';
import { PageTitle } from '@/components/layout/page-title';
import { Section } from '@/components/layout/section';
import { optional } from '@/lib/api/optional';
import { getMe, serverGet } from '@/lib/api/server';
import { getSsoProviders } from '@/lib/api/sso';
import { ssoErrorKey } from '@/lib/mfa/sso-errors';
import { ImpersonationRestricted } from '../../_components/impersonation-restricted';
import { ChangeEmailForm } from '../_components/change-email-form';
import { ChangePasswordForm } from '../_components/change-password-form';
import { ConnectedAccounts } from '../_components/connected-accounts';
import { SessionsList } from '../_components/sessions-list';
import { TrustedDevices } from '../_components/two-factor/trusted-devices';
import { TwoFactorPanel } from '../_components/two-factor/two-factor-section';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ linked?: string | string[]; error?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Security' });
  return { title: t('title') };
}

export default async function SecurityPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Security');
  const tf = await getTranslations('TwoFactor');
  const connected = await getTranslations('Connected');
  const ssoErrors = await getTranslations('SsoErrors');
  // A provider link flow comes back here with ?linked=<provider> or ?error=<code>.
  const query = await searchParams;
  const linkError = ssoErrorKey(query.error);
  const [me, sessions, activity, twoFactor, identities, providers] = await Promise.all([
    getMe(),
    optional(serverGet('/me/sessions', SessionList)),
    optional(serverGet('/me/security-activity', SecurityActivity)),
    optional(serverGet('/me/two-factor', TwoFactorStatus)),
    optional(serverGet('/me/identities', IdentitiesResponse)),
    getSsoProviders(),
  ]);
  if (!me) return null; // the layout redirects
  if (me.impersonation) return <ImpersonationRestricted />;
  const unavailable = <FormAlert>{t('unavailable')}</FormAlert>;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle>{t('title')}</PageTitle>
      <Section title={t('password.title')} description={t('password.lead')} testId="password-section">
        <ChangePasswordForm email={me.email} />
      </Section>
      <Section
        title={t('email.title')}
        description={t('email.lead', { email: me.email })}
        testId="email-section"
      >
        <ChangeEmailForm />
      </Section>
      <Section title={tf('title')} description={tf('lead')} testId="two-factor-section">
        {twoFactor ? <TwoFactorPanel status={twoFactor} /> : unavailable}
      </Section>
      {twoFactor?.enabled ? (
        <Section
          title={tf('devices.title')}
          description={tf('devices.lead')}
          testId="trusted-devices-section"
        >
          <TrustedDevices devices={twoFactor.trustedDevices} timeZone={me.timezone} />
        </Section>
      ) : null}
      <Section title={connected('title')} description={connected('lead')} testId="connected-section">
        {linkError ? <FormAlert className="mb-4">{ssoErrors(linkError as 'generic')}</FormAlert> : null}
        {query.linked && !linkError ? (
          <FormAlert variant="success" className="mb-4">
            {connected('linkedDone')}
          </FormAlert>
        ) : null}
        {identities ? (
          <ConnectedAccounts providers={providers} identities={identities.identities} />
        ) : (
          unavailable
        )}
      </Section>
      <Section title={t('sessions.title')} description={t('sessions.lead')} testId="sessions-section">
        {sessions ? <SessionsList sessions={sessions.sessions} timeZone={me.timezone} /> : unavailable}
      </Section>
      <Section title={t('activity.title')} description={t('activity.lead')} testId="activity-section">
        {activity ? <SecurityActivityList events={activity.events} timeZone={me.timezone} /> : unavailable}
      </Section>
    </div>
  );
}
