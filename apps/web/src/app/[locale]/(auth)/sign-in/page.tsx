import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { safeNextPath } from '@/lib/auth/safe-next';
import { AuthCard } from '../_components/auth-card';
import { SignInForm } from '../_components/sign-in-form';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.signIn' });
  return { title: t('title') };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Auth.signIn');
  const next = safeNextPath((await searchParams).next, `/${locale}${APP_HOME}`);

  return (
    <AuthCard
      title={t('title')}
      description={t('lead')}
      footer={
        <p>
          {t('noAccount')}{' '}
          <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
            {t('signUpLink')}
          </Link>
        </p>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
