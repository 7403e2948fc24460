import { Email } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { Link } from '@/i18n/navigation';
import { redirectIfSignedIn } from '@/lib/auth/guest-only';
import { APP_HOME } from '@/lib/auth/paths';
import { safeNextPath } from '@/lib/auth/safe-next';
import { ssoErrorKey } from '@/lib/mfa/sso-errors';
import { AuthCard } from '../_components/auth-card';
import { SignInForm } from '../_components/sign-in-form';
import { SsoButtons } from '../_components/sso-buttons';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{
    next?: string | string[];
    error?: string | string[];
    /** The address to fill in (after a verification link opened in another browser). */
    email?: string | string[];
    verified?: string | string[];
  }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'Auth.signIn' });
  return { title: t('title') };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('Auth.signIn');
  const query = await searchParams;
  const next = safeNextPath(query.next, `/${locale}${APP_HOME}`);
  await redirectIfSignedIn(next);
  const email = typeof query.email === 'string' ? Email.safeParse(query.email).data : undefined;
  const verified = query.verified === '1';
  // A failed provider sign-in comes back here with ?error=<code> (never a session).
  const ssoError = ssoErrorKey(query.error);
  const sso = ssoError ? await getTranslations('SsoErrors') : null;

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
      <div className="flex flex-col gap-6">
        {sso && ssoError ? <FormAlert>{sso(ssoError as 'generic')}</FormAlert> : null}
        {verified ? (
          <p
            role="status"
            data-testid="sign-in-verified"
            className="rounded-lg border border-success/40 bg-success/10 p-3 text-sm"
          >
            {t('verifiedNotice')}
          </p>
        ) : null}
        <SignInForm next={next} email={email} alternatives={<SsoButtons next={next} />} />
      </div>
    </AuthCard>
  );
}
