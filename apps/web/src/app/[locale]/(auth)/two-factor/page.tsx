import { LinkToken } from '@repo/contracts';
import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { FormAlert } from '@/components/form/form-alert';
import { Link } from '@/i18n/navigation';
import { APP_HOME } from '@/lib/auth/paths';
import { safeNextPath } from '@/lib/auth/safe-next';
import { AuthCard } from '../_components/auth-card';
import { ChallengeStep } from '../_components/challenge-step';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ challenge?: string | string[]; next?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'TwoFactor.step' });
  return { title: t('title') };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The second step when the first factor happened elsewhere (a provider's callback redirects here
 * with the pending challenge). Password sign-in shows the same step in place.
 */
export default async function TwoFactorPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('TwoFactor.step');
  const query = await searchParams;
  const next = safeNextPath(query.next, `/${locale}${APP_HOME}`);
  const challenge = first(query.challenge);
  // Shaped like the token POST /auth/two-factor accepts, or the step could only fail.
  const valid = challenge !== undefined && LinkToken.safeParse(challenge).success;

  return (
    <AuthCard title={t('pageTitle')}>
      {valid ? (
        <ChallengeStep challengeToken={challenge} next={next} />
      ) : (
        <div className="flex flex-col gap-4">
          <FormAlert>{t('missing')}</FormAlert>
          <Link
            href="/sign-in"
            className="font-medium text-primary text-sm underline-offset-4 hover:underline"
          >
            {t('restart')}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
