import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { redirectIfSignedIn } from '@/lib/auth/guest-only';
import { APP_HOME } from '@/lib/auth/paths';
import { SsoButtons } from '../_components/sso-buttons';
import { SignUpScreen } from './sign-up-screen';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.signUp' });
  return { title: t('title') };
}

export default async function SignUpPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await redirectIfSignedIn(`/${locale}${APP_HOME}`);
  const t = await getTranslations('Auth.signUp');

  return (
    <SignUpScreen
      alternatives={<SsoButtons next={`/${locale}${APP_HOME}`} />}
      footer={
        <p>
          {t('haveAccount')}{' '}
          <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
            {t('signInLink')}
          </Link>
        </p>
      }
    />
  );
}
