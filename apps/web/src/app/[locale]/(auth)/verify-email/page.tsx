import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AuthCard } from '../_components/auth-card';
import { EmailRequestForm } from '../_components/email-request-form';
import { tokenParam } from '../_components/token-param';
import { VerifyEmailAction } from './verify-email-action';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.verify' });
  return { title: t('title') };
}

export default async function VerifyEmailPage({ params, searchParams }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Auth');
  const token = tokenParam((await searchParams).token);
  const resend = (
    <EmailRequestForm
      endpoint="/auth/verify-email/resend"
      submitLabel={t('verify.resendSubmit')}
      pendingLabel={t('common.sending')}
      done="verify.resendDone"
    />
  );

  return (
    <AuthCard title={t('verify.title')} description={token ? undefined : t('verify.noTokenBody')}>
      {token ? <VerifyEmailAction token={token} failure={resend} /> : resend}
    </AuthCard>
  );
}
