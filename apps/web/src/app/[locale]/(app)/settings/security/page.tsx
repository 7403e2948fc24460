import { SecurityActivity, SessionList } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { getMe, serverGet } from '@/lib/api/server';
import { ChangeEmailForm } from '../_components/change-email-form';
import { ChangePasswordForm } from '../_components/change-password-form';
import { Section } from '../_components/section';
import { SecurityActivityList } from '../_components/security-activity';
import { SessionsList } from '../_components/sessions-list';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Security' });
  return { title: t('title') };
}

/** One failing panel (API error) should not take down the whole page. */
async function optional<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch {
    return null;
  }
}

export default async function SecurityPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Security');
  const [me, sessions, activity] = await Promise.all([
    getMe(),
    optional(serverGet('/me/sessions', SessionList)),
    optional(serverGet('/me/security-activity', SecurityActivity)),
  ]);
  if (!me) return null; // the layout redirects
  const unavailable = <FormAlert>{t('unavailable')}</FormAlert>;

  return (
    <div className="flex flex-col gap-6">
      <h1 className="font-semibold text-2xl tracking-tight">{t('title')}</h1>
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
      <Section title={t('sessions.title')} description={t('sessions.lead')} testId="sessions-section">
        {sessions ? <SessionsList sessions={sessions.sessions} timeZone={me.timezone} /> : unavailable}
      </Section>
      <Section title={t('activity.title')} description={t('activity.lead')} testId="activity-section">
        {activity ? <SecurityActivityList events={activity.events} timeZone={me.timezone} /> : unavailable}
      </Section>
    </div>
  );
}
