import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { AuthCard } from '../_components/auth-card';
import { SignUpForm } from '../_components/sign-up-form';
import { SsoButtons } from '../_components/sso-buttons';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.signUp' });
  return { title: t('title') };
}

export default async function SignUpPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Auth.signUp');

  return (
    <AuthCard
      title={t('title')}
      description={t('lead')}
      footer={
        <p>
          {t('haveAccount')}{' '}
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            {t('signInLink')}
          </Link>
        </p>
      }
    >
      <div className="flex flex-col gap-6">
        <SignUpForm />
        <SsoButtons next={`/${locale}${APP_HOME}`} />
      </div>
    </AuthCard>
  );
}
