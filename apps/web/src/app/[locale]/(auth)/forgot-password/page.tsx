import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { AuthCard } from '../_components/auth-card';
import { EmailRequestForm } from '../_components/email-request-form';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.forgot' });
  return { title: t('title') };
}

export default async function ForgotPasswordPage({ params }: Props) {
  setRequestLocale((await params).locale);
  const t = await getTranslations('Auth');

  return (
    <AuthCard
      title={t('forgot.title')}
      description={t('forgot.lead')}
      footer={
        <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
          {t('forgot.back')}
        </Link>
      }
    >
      <EmailRequestForm
        endpoint="/auth/password/forgot"
        submitLabel={t('forgot.submit')}
        pendingLabel={t('common.sending')}
        done="forgot.doneBody"
      />
    </AuthCard>
  );
}
